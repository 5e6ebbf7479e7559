package dev.kino.http;

/**
 * The one form of request path Kino answers: segments of {@code [A-Za-z0-9._~-]} that do not start with a dot, no
 * empty segments, no percent escapes. Such a path is left as it is by the router's normalisation (which removes dot
 * segments and decodes escapes), so the access check and the route see the same string. No Kino URL needs anything
 * else: ids are hex, stream names {@code [A-Za-z0-9_-]}, UI files plain names. Pure and allocation-free.
 */
final class CanonicalPath {
    private CanonicalPath() {}

    static boolean test(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        boolean segmentStart = true;
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                if (segmentStart) {
                    return false;
                }
                segmentStart = true;
            } else if (segmentStart && c == '.' || !allowed(c)) {
                return false;
            } else {
                segmentStart = false;
            }
        }
        return true;
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
