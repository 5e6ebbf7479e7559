package dev.kino.subtitles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A subtitle track of a video: a file beside it or a stream inside it.
 *
 * @param external    true for a file beside the video
 * @param fileName    the external file's name (in the video's folder), or null
 * @param streamIndex the embedded stream's index in the video, or -1
 * @param format      {@code srt}, {@code vtt}, {@code ass}, {@code ssa} for files; ffprobe's codec name for streams
 * @param language    BCP 47 tag ({@code fr}, {@code pt-BR}), or null when unknown
 * @param title       what the file name or stream calls it beyond language and flags, or null
 */
public record SubtitleTrack(boolean external, String fileName, int streamIndex, String format, String language,
                            String title, boolean isDefault, boolean forced, boolean hearingImpaired) {

    /** Whether WebVTT can be made of it: text, not pictures (PGS, VobSub, DVB). */
    public boolean text() {
        return switch (format) {
            case "srt", "vtt", "ass", "ssa", "subrip", "webvtt", "mov_text", "text" -> true;
            default -> false;
        };
    }

    /** The labels of a video's tracks, made unique ("English", "English 2"): HLS names must differ within a group. */
    public static List<String> labels(List<SubtitleTrack> tracks) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (SubtitleTrack t : tracks) {
            String l = t.label();
            int k = seen.merge(l, 1, Integer::sum);
            out.add(k == 1 ? l : l + " " + k);
        }
        return out;
    }

    /** What a menu shows: the language's name (or "Unknown"), the title, and the flags. */
    public String label() {
        StringBuilder b = new StringBuilder(language == null ? "Unknown language" : Languages.name(language));
        if (title != null && !title.isBlank() && !title.equalsIgnoreCase(b.toString())) {
            b.append(" – ").append(title);
        }
        if (forced) {
            b.append(" (forced)");
        }
        if (hearingImpaired) {
            b.append(" (SDH)");
        }
        if (!text()) {
            b.append(" (picture subtitles)");
        }
        return b.toString();
    }
}
