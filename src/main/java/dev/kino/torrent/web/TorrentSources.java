package dev.kino.torrent.web;

import dev.kino.auth.LinkSigner;
import dev.kino.torrent.TorrentView;
import dev.kino.transcode.MediaSource;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Torrent files as sources for ffmpeg: this server's own {@code /torrents/{hash}/files/{n}}, over loopback, with a
 * signed link for exactly that path (ffmpeg has no session). A link is made for each ffmpeg run, so it only has to
 * outlive one run; it shows in the process list while ffmpeg runs, hence the short life.
 */
final class TorrentSources {
    static final Duration LINK_TTL = Duration.ofHours(1);

    private final LinkSigner signer;
    private final String host;
    private final IntSupplier port;

    /**
     * @param host the address the server listens on
     * @param port the port it is bound to (known once it listens)
     */
    TorrentSources(LinkSigner signer, String host, IntSupplier port) {
        this.signer = signer;
        this.host = host;
        this.port = port;
    }

    MediaSource of(String infoHash, TorrentView.TorrentFile file) {
        String path = "/torrents/" + infoHash + "/files/" + file.index();
        long expires = System.currentTimeMillis() / 1000 + LINK_TTL.toSeconds();
        String name = file.path().substring(file.path().lastIndexOf('/') + 1);
        return MediaSource.http("torrent:" + infoHash + "/" + file.index(), name,
                selfUrl(host, port.getAsInt()) + path + "?" + signer.query(path, expires));
    }

    /** How this machine reaches a server bound to {@code host}: a wildcard or loopback bind by the loopback address. Pure. */
    static String selfUrl(String host, int port) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty() || h.equals("0.0.0.0") || h.equals("localhost")) {
            h = "127.0.0.1";
        } else if (h.equals("::") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            h = "[::1]";
        } else if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + port;
    }
}
