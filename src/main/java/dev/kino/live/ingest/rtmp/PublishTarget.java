package dev.kino.live.ingest.rtmp;

import dev.kino.live.StreamDirectory;
import dev.kino.live.ingest.rtmp.protocol.QueryParameters;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

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
        return new PublishTarget(name, QueryParameters.value(query, "key").map(PublishTarget::decoded).orElse(null));
    }

    /** A URL-decoded value; one that is not valid %-encoding is taken as it is. */
    private static String decoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
