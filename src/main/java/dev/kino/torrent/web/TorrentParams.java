package dev.kino.torrent.web;

import dev.kino.http.BadRequestException;
import dev.kino.store.User;
import dev.kino.torrent.TorrentException;
import dev.kino.torrent.TorrentView;
import dev.kino.torrent.Torrents;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;

/** The path parameters of the torrent routes, checked before any service sees them. */
final class TorrentParams {
    private static final Pattern INFO_HASH = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,100}");
    private static final int MAX_INDEX_DIGITS = 9;

    private TorrentParams() {}

    /** {@code :hash}, 40 hex digits in either case, as lower case; anything else is a 400. */
    static String infoHash(RoutingContext ctx) {
        String h = ctx.pathParam("hash");
        if (h == null || !INFO_HASH.matcher(h).matches()) {
            throw new BadRequestException("infohash must be 40 hex digits");
        }
        return h.toLowerCase(Locale.ROOT);
    }

    /** {@code :index}, a non-negative decimal; one too large to be an index is a file that does not exist. */
    static int fileIndex(RoutingContext ctx) {
        String s = ctx.pathParam("index");
        if (s == null || !DIGITS.matcher(s).matches()) {
            throw new BadRequestException("file index must be a non-negative number");
        }
        return s.length() > MAX_INDEX_DIGITS ? Integer.MAX_VALUE : Integer.parseInt(s);
    }

    /** The torrent with this infohash if {@code user} may see it ({@link TorrentView#visibleTo}), else NOT_FOUND. */
    static TorrentView find(Torrents torrents, String infoHash, User user) throws TorrentException {
        return torrents.get(infoHash).filter(v -> v.visibleTo(user)).orElseThrow(() -> notFound(infoHash));
    }

    /** The torrent with this infohash, or NOT_FOUND. */
    static TorrentView find(Torrents torrents, String infoHash) throws TorrentException {
        return torrents.get(infoHash).orElseThrow(() -> notFound(infoHash));
    }

    private static TorrentException notFound(String infoHash) {
        return new TorrentException(TorrentException.Kind.NOT_FOUND, "no torrent " + infoHash);
    }

    /** The torrent, once its metadata (and so its file list) has arrived; NO_METADATA before. */
    static TorrentView withFiles(Torrents torrents, String infoHash) throws TorrentException {
        TorrentView view = find(torrents, infoHash);
        if (view.files().isEmpty()) {
            throw new TorrentException(TorrentException.Kind.NO_METADATA, "the torrent's metadata has not arrived yet");
        }
        return view;
    }

    /** The file with this index. */
    static TorrentView.TorrentFile file(Torrents torrents, String infoHash, int index) throws TorrentException {
        return withFiles(torrents, infoHash).files().stream().filter(f -> f.index() == index).findFirst()
                .orElseThrow(() -> new TorrentException(TorrentException.Kind.NOT_FOUND, "no file " + index + " in this torrent"));
    }
}
