package dev.kino.subtitles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a video's subtitle files among the names in its folder: {@code Film.srt}, {@code Film.en.srt},
 * {@code Film.fr.forced.ass}, {@code Film.English.SDH.srt}, {@code Film.pt-BR.default.vtt}. The name must start
 * with the video's name without its extension, then a dot; the parts between that and the subtitle extension are
 * a language, the flags {@code forced}, {@code default}, {@code sdh}, {@code cc} or {@code hi} (after a language),
 * and anything else is the title. Pure.
 */
public final class Sidecars {
    private static final List<String> EXTENSIONS = List.of("srt", "vtt", "ass", "ssa");

    private Sidecars() {}

    /** The subtitle tracks among {@code names} for the video named {@code videoName}, in name order. */
    public static List<SubtitleTrack> find(String videoName, List<String> names) {
        int dot = videoName.lastIndexOf('.');
        String base = (dot > 0 ? videoName.substring(0, dot) : videoName).toLowerCase(Locale.ROOT) + ".";
        List<SubtitleTrack> out = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            String lower = name.toLowerCase(Locale.ROOT);
            int ext = lower.lastIndexOf('.');
            if (ext < 0 || !lower.startsWith(base) || ext + 1 < base.length() || !EXTENSIONS.contains(lower.substring(ext + 1))) {
                continue;
            }
            out.add(track(name, name.substring(base.length(), Math.max(base.length(), ext)), lower.substring(ext + 1)));
        }
        return out;
    }

    private static SubtitleTrack track(String name, String middle, String format) {
        String language = null;
        boolean forced = false;
        boolean isDefault = false;
        boolean hearingImpaired = false;
        List<String> title = new ArrayList<>();
        for (String part : middle.isEmpty() ? new String[0] : middle.split("\\.")) {
            String p = part.toLowerCase(Locale.ROOT);
            Optional<String> lang = language == null ? Languages.tag(part) : Optional.empty();
            if (p.equals("forced") || p.equals("foreign")) {
                forced = true;
            } else if (p.equals("default")) {
                isDefault = true;
            } else if (p.equals("sdh") || p.equals("cc") || (p.equals("hi") && language != null)) {
                hearingImpaired = true;
            } else if (lang.isPresent()) {
                language = lang.get();
            } else if (!part.isBlank()) {
                title.add(part);
            }
        }
        return new SubtitleTrack(true, name, -1, format, language, title.isEmpty() ? null : String.join(" ", title),
                isDefault, forced, hearingImpaired);
    }
}
