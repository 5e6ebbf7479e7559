package dev.kino.subtitles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes cues as a WebVTT file. Pure. Every file says {@code X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000}: its times
 * are the film's own timestamps, which the HLS segments keep too ({@code -copyts}), so an HLS player lines the cues
 * up with the picture; players reading it as a {@code <track>} ignore the line.
 */
public final class WebVtt {
    static final String TIMESTAMP_MAP = "X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000";

    private WebVtt() {}

    /** The file: cues in order of start (ties keep their order), empty and zero-length ones left out. */
    public static String write(List<Cue> cues) {
        List<Cue> sorted = new ArrayList<>(cues);
        sorted.removeIf(c -> c.endMillis() <= c.startMillis() || c.text().isBlank());
        sorted.sort(Comparator.comparingLong(Cue::startMillis));
        StringBuilder out = new StringBuilder("WEBVTT\n").append(TIMESTAMP_MAP).append('\n');
        for (Cue c : sorted) {
            out.append('\n').append(time(c.startMillis())).append(" --> ").append(time(c.endMillis()));
            if (!c.settings().isEmpty()) {
                out.append(' ').append(c.settings());
            }
            out.append('\n').append(c.text()).append('\n');
        }
        return out.toString();
    }

    static String time(long millis) {
        long ms = Math.max(0, millis);
        return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    /**
     * A WebVTT file read as text: kept as it is, with line ends made {@code \n} and the timestamp map added.
     *
     * @throws SubtitleFormatException if it does not start with {@code WEBVTT}
     */
    public static String normalize(String text) throws SubtitleFormatException {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        t = t.replace("\r\n", "\n").replace('\r', '\n');
        if (!t.startsWith("WEBVTT") || (t.length() > 6 && t.charAt(6) != '\n' && t.charAt(6) != ' ' && t.charAt(6) != '\t')) {
            throw new SubtitleFormatException("it does not start with the WEBVTT signature");
        }
        if (!t.contains("X-TIMESTAMP-MAP")) {
            int eol = t.indexOf('\n');
            t = eol < 0 ? t + "\n" + TIMESTAMP_MAP : t.substring(0, eol + 1) + TIMESTAMP_MAP + "\n" + t.substring(eol + 1);
        }
        return t.endsWith("\n") ? t : t + "\n";
    }
}
