package dev.kino.live.ingest.rtmp.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** Raw {@code a=b&c=d} query strings as publishers put them after the app or the stream name (not URL-decoded). */
public final class QueryParameters {
    private QueryParameters() {}

    /** {@code s} split at its first {@code ?}: the part before, and the query after ("" if none). */
    static String[] splitAtQuestionMark(String s) {
        int q = s.indexOf('?');
        return q < 0 ? new String[] {s, ""} : new String[] {s.substring(0, q), s.substring(q + 1)};
    }

    /**
     * Both queries as one: the parameters of {@code first}, then those of {@code second}, where a name in both takes
     * {@code second}'s value (in {@code first}'s position). Empty parameters are dropped.
     */
    static String merge(String first, String second) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String query : new String[] {first, second}) {
            for (String param : query.split("&")) {
                if (!param.isEmpty()) {
                    params.put(name(param), param);
                }
            }
        }
        StringJoiner joined = new StringJoiner("&");
        params.values().forEach(joined::add);
        return joined.toString();
    }

    /** The raw value of the first parameter named {@code wanted} ("" for a bare name), if the query has one. */
    public static Optional<String> value(String query, String wanted) {
        if (query == null) {
            return Optional.empty();
        }
        for (String param : query.split("&")) {
            if (name(param).equals(wanted)) {
                int eq = param.indexOf('=');
                return Optional.of(eq < 0 ? "" : param.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    private static String name(String param) {
        int eq = param.indexOf('=');
        return eq < 0 ? param : param.substring(0, eq);
    }
}
