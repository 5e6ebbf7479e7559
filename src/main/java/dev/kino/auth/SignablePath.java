package dev.kino.auth;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paths a link may be signed for, and what each names: a library file ({@code /media/ID}), a stream
 * ({@code /live/NAME}) or a torrent, its playlist or one of its files ({@code /torrents/HASH[/playlist.m3u|/files/N]}).
 * Pure.
 *
 * @param key the file's id, the stream's name or the torrent's infohash
 */
public record SignablePath(Kind kind, String key) {
    public enum Kind { MEDIA, LIVE, TORRENT }

    public static final String FORMS = "/media/{id}, /live/{stream} or /torrents/{infohash}[/playlist.m3u|/files/{index}]";

    private static final Pattern MEDIA = Pattern.compile("/media/([0-9a-f]{24})");
    private static final Pattern LIVE = Pattern.compile("/live/([A-Za-z0-9_-]{1,64})");
    private static final Pattern TORRENT = Pattern.compile("/torrents/([0-9a-f]{40})(?:/playlist\\.m3u|/files/\\d{1,9})?");

    public static Optional<SignablePath> parse(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            Matcher m = (switch (kind) {
                case MEDIA -> MEDIA;
                case LIVE -> LIVE;
                case TORRENT -> TORRENT;
            }).matcher(path);
            if (m.matches()) {
                return Optional.of(new SignablePath(kind, m.group(1)));
            }
        }
        return Optional.empty();
    }
}
