package dev.kino.subtitles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Advanced SubStation Alpha and SubStation Alpha scripts ({@code .ass}, {@code .ssa}) into cues, keeping what
 * WebVTT can show: italics, bold and underline from the style and from override tags, the alignment ({@code \an},
 * {@code \a}, the style's) and {@code \pos} placement as cue settings. Fonts, colours, karaoke and animation are
 * dropped; drawings are left out. Pure.
 */
public final class Ass {
    private static final Pattern TIME = Pattern.compile("\\s*(\\d+):(\\d{1,2}):(\\d{1,2})(?:[.,](\\d{1,3}))?\\s*");
    private static final List<String> DEFAULT_EVENT_FORMAT =
            List.of("layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text");

    private Ass() {}

    /**
     * The cues of a script.
     *
     * @throws SubtitleFormatException if it has no {@code [Events]} with a dialogue line
     */
    public static List<Cue> read(String text) throws SubtitleFormatException {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String section = "";
        double playResX = 0;
        double playResY = 0;
        boolean legacy = false;
        List<String> styleFormat = null;
        List<String> eventFormat = DEFAULT_EVENT_FORMAT;
        Map<String, Markup.Style> styles = new HashMap<>();
        List<Cue> cues = new ArrayList<>();
        boolean sawEvents = false;
        for (String raw : t.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).trim().toLowerCase(Locale.ROOT);
                legacy |= section.equals("v4 styles");
                sawEvents |= section.equals("events");
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0 || line.startsWith(";")) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (section) {
                case "script info" -> {
                    if (key.equals("playresx")) {
                        playResX = number(value);
                    } else if (key.equals("playresy")) {
                        playResY = number(value);
                    }
                }
                case "v4+ styles", "v4 styles" -> {
                    if (key.equals("format")) {
                        styleFormat = names(value);
                    } else if (key.equals("style") && styleFormat != null) {
                        List<String> f = fields(value, styleFormat.size());
                        String name = get(styleFormat, f, "name");
                        int a = (int) number(get(styleFormat, f, "alignment"));
                        int alignment = legacy ? Markup.legacyAlignment(a == 0 ? 2 : a) : a >= 1 && a <= 9 ? a : 2;
                        styles.put(name == null ? "" : name.toLowerCase(Locale.ROOT).replaceFirst("^\\*", ""),
                                new Markup.Style(flag(get(styleFormat, f, "italic")), flag(get(styleFormat, f, "bold")),
                                        flag(get(styleFormat, f, "underline")), alignment));
                    }
                }
                case "events" -> {
                    if (key.equals("format")) {
                        eventFormat = names(value);
                    } else if (key.equals("dialogue")) {
                        List<String> f = fields(value, eventFormat.size());
                        Long start = time(get(eventFormat, f, "start"));
                        Long end = time(get(eventFormat, f, "end"));
                        String body = get(eventFormat, f, "text");
                        if (start == null || end == null || body == null) {
                            continue;
                        }
                        String styleName = get(eventFormat, f, "style");
                        Markup.Style style = styles.getOrDefault(
                                styleName == null ? "" : styleName.toLowerCase(Locale.ROOT).replaceFirst("^\\*", ""),
                                styles.getOrDefault("default", Markup.Style.PLAIN));
                        // scripts without PlayRes are laid out on 384 x 288, as VSFilter and libass assume
                        double w = playResX > 0 ? playResX : playResY > 0 ? playResY * 4 / 3 : 384;
                        double h = playResY > 0 ? playResY : playResX > 0 ? playResX * 3 / 4 : 288;
                        Markup.Result r = Markup.ass(body, style, w, h);
                        if (!r.text().isEmpty()) {
                            if (!r.text().isEmpty()) {
                cues.add(new Cue(start, end, r.settings(), r.text()));
            }
                        }
                    }
                }
                default -> { }
            }
        }
        if (!sawEvents) {
            throw new SubtitleFormatException("it has no [Events] section: not an ASS or SSA script");
        }
        return cues;
    }

    /** A {@code Format:} line's field names, lower case. */
    private static List<String> names(String value) {
        List<String> out = new ArrayList<>();
        for (String n : value.split(",")) {
            out.add(n.trim().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Comma-separated fields, at most {@code n}: the last takes the rest of the line (a dialogue's text has commas). */
    private static List<String> fields(String value, int n) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (out.size() < n - 1) {
            int comma = value.indexOf(',', from);
            if (comma < 0) {
                break;
            }
            out.add(value.substring(from, comma).trim());
            from = comma + 1;
        }
        out.add(out.size() == n - 1 ? value.substring(from) : value.substring(from).trim());
        return out;
    }

    private static String get(List<String> format, List<String> values, String name) {
        int i = format.indexOf(name);
        return i >= 0 && i < values.size() ? values.get(i) : null;
    }

    private static boolean flag(String v) {
        return v != null && !v.isBlank() && number(v) != 0;
    }

    private static double number(String v) {
        try {
            return v == null ? 0 : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Long time(String v) {
        if (v == null) {
            return null;
        }
        Matcher m = TIME.matcher(v);
        if (!m.matches()) {
            return null;
        }
        String frac = m.group(4);
        long ms = frac == null ? 0 : Long.parseLong(frac) * (frac.length() == 1 ? 100 : frac.length() == 2 ? 10 : 1);
        return ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3))) * 1000 + ms;
    }
}
