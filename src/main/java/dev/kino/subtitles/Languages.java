package dev.kino.subtitles;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;

/**
 * Language tags as files have them ({@code en}, {@code eng}, {@code fre}, {@code pt-BR}, {@code English}) made into
 * BCP 47 tags for {@code <track srclang>}: the two-letter code where there is one. Pure.
 */
public final class Languages {
    private static final Map<String, String> BY_CODE = new HashMap<>();
    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        for (String two : Locale.getISOLanguages()) {
            Locale l = Locale.of(two);
            BY_CODE.put(two, two);
            try {
                BY_CODE.put(l.getISO3Language(), two);
            } catch (MissingResourceException e) {
                // no three-letter code
            }
            String english = l.getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT);
            String own = l.getDisplayLanguage(l).toLowerCase(l);
            if (!english.isEmpty() && !english.equals(two)) {
                BY_NAME.putIfAbsent(english, two);
            }
            if (!own.isEmpty() && !own.equals(two)) {
                BY_NAME.putIfAbsent(own, two);
            }
        }
        // ISO 639-2/B codes, which Matroska files carry, where they differ from the /T codes above
        String[][] bibliographic = {{"alb", "sq"}, {"arm", "hy"}, {"baq", "eu"}, {"bur", "my"}, {"chi", "zh"},
            {"cze", "cs"}, {"dut", "nl"}, {"fre", "fr"}, {"geo", "ka"}, {"ger", "de"}, {"gre", "el"}, {"ice", "is"},
            {"mac", "mk"}, {"mao", "mi"}, {"may", "ms"}, {"per", "fa"}, {"rum", "ro"}, {"slo", "sk"}, {"tib", "bo"},
            {"wel", "cy"}};
        for (String[] b : bibliographic) {
            BY_CODE.put(b[0], b[1]);
        }
    }

    private Languages() {}

    /** The BCP 47 tag of a language code or English (or native) language name; empty for none or "und". */
    public static Optional<String> tag(String s) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        String t = s.trim().replace('_', '-');
        String[] parts = t.split("-", 2);
        String primary = parts[0].toLowerCase(Locale.ROOT);
        String code = BY_CODE.get(primary);
        if (code == null) {
            code = BY_NAME.get(t.toLowerCase(Locale.ROOT));
            return Optional.ofNullable(code);
        }
        if (parts.length == 2 && parts[1].matches("[A-Za-z]{2}|[0-9]{3}|[A-Za-z]{4}")) {
            String region = parts[1].length() == 4 ? parts[1].substring(0, 1).toUpperCase(Locale.ROOT)
                    + parts[1].substring(1).toLowerCase(Locale.ROOT) : parts[1].toUpperCase(Locale.ROOT);
            return Optional.of(code + "-" + region);
        }
        return Optional.of(code);
    }

    /** The language's name in English ({@code French}), for labels; the tag itself when Java knows no name. */
    public static String name(String tag) {
        Locale l = Locale.forLanguageTag(tag);
        String n = l.getDisplayName(Locale.ENGLISH);
        return n.isEmpty() ? tag : n;
    }
}
