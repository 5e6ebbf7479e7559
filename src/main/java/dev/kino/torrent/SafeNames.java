package dev.kino.torrent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether the names inside a torrent may become files under its folder. A name is refused, not repaired,
 * when it could leave the folder ({@code ..}, an absolute path, a separator inside an element), when the file system
 * or Bt would change it (empty, {@code .}, trailing dots or spaces, leading spaces) or when it holds NUL or other
 * control characters. Accepted names are stored by Bt exactly as given, so a reader finds them at the same path.
 */
final class SafeNames {
    private static final int MAX_ELEMENT_BYTES = 255;

    private SafeNames() {}

    /** Why the path is refused, or empty when it is safe. */
    static Optional<String> problem(List<String> elements) {
        if (elements.isEmpty()) {
            return Optional.of("empty path");
        }
        for (String e : elements) {
            Optional<String> p = problem(e);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** Why one path element (a file or folder name) is refused, or empty when it is safe. */
    static Optional<String> problem(String element) {
        if (element == null || element.isEmpty()) {
            return Optional.of("empty name");
        }
        if (element.equals(".") || element.equals("..")) {
            return Optional.of("relative name '" + element + "'");
        }
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '/' || c == '\\') {
                return Optional.of("separator in name '" + printable(element) + "'");
            }
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("control character in name '" + printable(element) + "'");
            }
        }
        if (element.endsWith(".") || element.endsWith(" ") || element.startsWith(" ")) {
            return Optional.of("name with leading or trailing spaces or dots '" + element + "'");
        }
        if (element.getBytes(StandardCharsets.UTF_8).length > MAX_ELEMENT_BYTES) {
            return Optional.of("name longer than " + MAX_ELEMENT_BYTES + " bytes");
        }
        return Optional.empty();
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> b.append(c < 0x20 || c == 0x7f ? "\\x" + Integer.toHexString(c) : Character.toString(c)));
        return b.toString();
    }
}
