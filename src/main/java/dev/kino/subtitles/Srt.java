package dev.kino.subtitles;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SubRip ({@code .srt}) text into cues. Lenient as players are: cue numbers may be missing or wrong, blank lines
 * between cues may be missing, times may use {@code .} for {@code ,} and drop the hours, and anything after the end
 * time (SRT's old {@code X1:} box) is ignored. Pure.
 */
public final class Srt {
    private static final String TIME = "(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{1,2})(?:[,.:](\\d{1,3}))?";
    private static final Pattern TIMING = Pattern.compile("^\\s*" + TIME + "\\s*-{1,2}>\\s*" + TIME + "(?:\\s.*)?$");

    private Srt() {}

    /**
     * The cues of a file.
     *
     * @throws SubtitleFormatException if it holds no cue at all (not SubRip, or a wrongly decoded file)
     */
    public static List<Cue> read(String text) throws SubtitleFormatException {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<Cue> cues = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            Matcher m = TIMING.matcher(lines[i]);
            if (!m.matches()) {
                i++;
                continue;
            }
            long start = millis(m, 1);
            long end = millis(m, 5);
            i++;
            StringBuilder body = new StringBuilder();
            while (i < lines.length && !lines[i].isBlank() && !startsNextCue(lines, i)) {
                body.append(body.isEmpty() ? "" : "\n").append(lines[i]);
                i++;
            }
            Markup.Result r = Markup.srt(body.toString());
            if (!r.text().isEmpty()) {
                cues.add(new Cue(start, end, r.settings(), r.text()));
            }
        }
        if (cues.isEmpty()) {
            throw new SubtitleFormatException("it holds no SubRip cue (no line like 00:00:01,000 --> 00:00:02,000)");
        }
        return cues;
    }

    /** A cue number right before a timing line, or a timing line itself: the previous cue lacked its blank line. */
    private static boolean startsNextCue(String[] lines, int i) {
        if (TIMING.matcher(lines[i]).matches()) {
            return true;
        }
        return lines[i].strip().matches("\\d{1,9}") && i + 1 < lines.length && TIMING.matcher(lines[i + 1]).matches();
    }

    private static long millis(Matcher m, int group) {
        long h = m.group(group) == null ? 0 : Long.parseLong(m.group(group));
        long min = Long.parseLong(m.group(group + 1));
        long s = Long.parseLong(m.group(group + 2));
        String frac = m.group(group + 3);
        long ms = 0;
        if (frac != null) {
            ms = Long.parseLong(frac) * (frac.length() == 1 ? 100 : frac.length() == 2 ? 10 : 1);
        }
        return ((h * 60 + min) * 60 + s) * 1000 + ms;
    }
}
