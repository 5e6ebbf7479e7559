package dev.kino.library;

import dev.kino.store.MediaInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads ffprobe's {@code -print_format flat -show_format -show_streams} output into a {@link MediaInfo}: duration and
 * bit rate of the container, size and codec of the first real video stream (cover art is not video), codec of the
 * first audio stream, every subtitle stream with its language, title and flags, and the chapters (with {@code -show_chapters}). Pure.
 */
final class ProbeParser {
    private ProbeParser() {}

    static MediaInfo parse(String flat) {
        Map<String, String> format = new HashMap<>();
        Map<Integer, Map<String, String>> streams = new TreeMap<>();
        Map<Integer, Map<String, String>> chapterFields = new TreeMap<>();
        for (String line : flat.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = unquote(line.substring(eq + 1).trim());
            if (key.startsWith("format.")) {
                format.put(key.substring("format.".length()), value);
            } else if (key.startsWith("chapters.chapter.")) {
                putIndexed(chapterFields, key.substring("chapters.chapter.".length()), value);
            } else if (key.startsWith("streams.stream.")) {
                putIndexed(streams, key.substring("streams.stream.".length()), value);
            }
        }
        Map<String, String> video = null;
        Map<String, String> audio = null;
        List<MediaInfo.SubtitleStream> subtitles = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, String>> e : streams.entrySet()) {
            Map<String, String> s = e.getValue();
            if ("subtitle".equals(s.get("codec_type"))) {
                Integer index = integer(s.get("index"));
                subtitles.add(new MediaInfo.SubtitleStream(index == null ? e.getKey() : index, s.get("codec_name"),
                        blankToNull(s.get("tags.language")), blankToNull(s.get("tags.title")),
                        "1".equals(s.get("disposition.default")), "1".equals(s.get("disposition.forced")),
                        "1".equals(s.get("disposition.hearing_impaired"))));
            }
            String type = s.get("codec_type");
            if (video == null && "video".equals(type) && !"1".equals(s.get("disposition.attached_pic"))) {
                video = s;
            } else if (audio == null && "audio".equals(type)) {
                audio = s;
            }
        }
        if (format.isEmpty() && streams.isEmpty()) {
            return MediaInfo.failed("ffprobe found no media");
        }
        Double duration = decimal(format.get("duration"));
        if (duration == null && video != null) {
            duration = decimal(video.get("duration"));
        }
        if (duration == null && audio != null) {
            duration = decimal(audio.get("duration"));
        }
        Long bitrate = decimal(format.get("bit_rate")) == null ? null : (long) (double) decimal(format.get("bit_rate"));
        return new MediaInfo(duration,
                video == null ? null : integer(video.get("width")),
                video == null ? null : integer(video.get("height")),
                video == null ? null : video.get("codec_name"),
                audio == null ? null : audio.get("codec_name"),
                bitrate, null, subtitles, chapters(chapterFields));
    }

    /** {@code N.field} (the rest of a {@code streams.stream.} or {@code chapters.chapter.} key): field N of the list. */
    private static void putIndexed(Map<Integer, Map<String, String>> list, String rest, String value) {
        int dot = rest.indexOf('.');
        Integer index = dot > 0 ? integer(rest.substring(0, dot)) : null;
        if (index != null) {
            list.computeIfAbsent(index, k -> new HashMap<>()).put(rest.substring(dot + 1), value);
        }
    }

    /** Chapters with a start and an end after it, in time order. */
    private static List<MediaInfo.Chapter> chapters(Map<Integer, Map<String, String>> fields) {
        List<MediaInfo.Chapter> out = new ArrayList<>();
        for (Map<String, String> c : fields.values()) {
            Double start = decimal(c.get("start_time"));
            Double end = decimal(c.get("end_time"));
            if (start != null && end != null && end > start) {
                out.add(new MediaInfo.Chapter(start, end, blankToNull(c.get("tags.title"))));
            }
        }
        out.sort((a, b) -> Double.compare(a.start(), b.start()));
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A quoted flat value without its quotes and with ffprobe's escapes (backslash before a quote, a backslash or n) undone. */
    private static String unquote(String v) {
        if (v.length() < 2 || !v.startsWith("\"") || !v.endsWith("\"")) {
            return v;
        }
        String inner = v.substring(1, v.length() - 1);
        StringBuilder b = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                char n = inner.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(String s) {
        try {
            double d = s == null ? Double.NaN : Double.parseDouble(s);
            return Double.isFinite(d) && d >= 0 ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
