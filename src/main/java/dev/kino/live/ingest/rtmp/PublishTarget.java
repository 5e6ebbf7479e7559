package dev.kino.live.ingest.rtmp;

import dev.kino.live.StreamDirectory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What an RTMP {@code publish} asks for, in OBS terms: Server {@code rtmp://HOST:PORT/live}, Stream key
 * {@code NAME?key=KEY}; the key may also sit in the server URL's query ({@code rtmp://HOST/live?key=KEY}). Pure.
 *
 * @param stream the stream's name
 * @param key    the publish key, or null when none was given
 */
record PublishTarget(String stream, String key) {
    static final String APP = "live";

    /** Why a publish is refused before its key is checked: the text the encoder shows. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param app   the application of {@code connect} (its query already split off)
     * @param name  the name of {@code publish}, without its query
     * @param query the application's and the name's queries, merged ({@code a=b&c=d})
     */
    static PublishTarget of(String app, String name, String query) throws Refused {
        if (!APP.equals(app)) {
            throw new Refused("no application '" + app + "': publish to rtmp://HOST:PORT/" + APP + " with the stream key NAME?key=KEY");
        }
        if (name == null || !StreamDirectory.NAME.matcher(name).matches()) {
            throw new Refused("'" + name + "' is not a stream name (1-64 letters, digits, _ or -): use the stream key NAME?key=KEY");
        }
        return new PublishTarget(name, param(query, "key").orElse(null));
    }

    private static Optional<String> param(String query, String wanted) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(wanted)) {
                try {
                    return Optional.of(URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.of(pair.substring(eq + 1));
                }
            }
        }
        return Optional.empty();
    }
}
