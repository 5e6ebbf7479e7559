package dev.kino.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test films with subtitles, made with the real ffmpeg. */
public final class SubtitledFilm {
    private SubtitledFilm() {}

    /**
     * A 5 s H.264/AAC Matroska film with two subtitle streams: SubRip (eng, "English", default; cues at 1.0-2.5 s
     * "Hello from <i>inside</i> the file" and 3.0-4.0 s "Second cue") and ASS (fre, forced; 1-3 s, top, bold
     * "en haut"). Muxing shifts all streams by the video's first timestamp (some 20 ms).
     */
    public static Path make(Path dir, Path out) throws Exception {
        Path srt = insideCues(dir.resolve("inside.srt"));
        Path ass = Files.writeString(dir.resolve("inside.ass"), """
                [Script Info]
                ScriptType: v4.00+
                PlayResX: 640
                PlayResY: 360

                [V4+ Styles]
                Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
                Style: Default,Arial,24,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1

                [Events]
                Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
                Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{\\an8}Bonjour {\\b1}en haut{\\b0}
                """);
        Path av = Ffmpeg.h264Aac(dir.resolve("av.mp4"), 5);
        Ffmpeg.output(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", av.toString(), "-i", srt.toString(),
                "-i", ass.toString(), "-map", "0", "-map", "1", "-map", "2", "-c", "copy", "-c:s:0", "srt", "-c:s:1", "ass",
                "-metadata:s:s:0", "language=eng", "-metadata:s:s:0", "title=English", "-disposition:s:0", "default",
                "-metadata:s:s:1", "language=fre", "-disposition:s:1", "forced", out.toString()));
        assertTrue(Files.size(out) > 10_000, "ffmpeg made " + out);
        return out;
    }

    /**
     * A 5 s H.264/AAC MP4 (faststart) with a mov_text stream (eng, "English", default) holding the SubRip cues of
     * {@link #make}, which a browser plays directly.
     */
    public static Path mp4(Path dir, Path out) throws Exception {
        Path srt = insideCues(dir.resolve("inside-mp4.srt"));
        Path av = Ffmpeg.h264Aac(dir.resolve("av-mp4.mp4"), 5);
        Ffmpeg.output(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", av.toString(), "-i", srt.toString(),
                "-map", "0", "-map", "1", "-c", "copy", "-c:s", "mov_text", "-metadata:s:s:0", "language=eng",
                "-metadata:s:s:0", "title=English", "-disposition:s:0", "default", "-movflags", "+faststart", out.toString()));
        assertTrue(Files.size(out) > 10_000, "ffmpeg made " + out);
        return out;
    }

    /** The first French cue: accented letters, which windows-1252 and UTF-8 write differently. */
    public static final String FRENCH_CUE = "Café, crème brûlée et déjà-vu à l'été";

    /** Two cues in windows-1252: 1-3 s {@link #FRENCH_CUE}, 3.5-4.5 s "Ça va très bien, où êtes-vous ?". */
    public static void frenchBeside(Path srt) throws Exception {
        Files.write(srt, ("1\r\n00:00:01,000 --> 00:00:03,000\r\n" + FRENCH_CUE + "\r\n\r\n"
                + "2\r\n00:00:03,500 --> 00:00:04,500\r\nÇa va très bien, où êtes-vous ?\r\n").getBytes(Charset.forName("windows-1252")));
    }

    /** The SubRip cues the films carry inside: 1.0-2.5 s "Hello from <i>inside</i> the file", 3.0-4.0 s "Second cue". */
    private static Path insideCues(Path srt) throws Exception {
        return Files.writeString(srt, """
                1
                00:00:01,000 --> 00:00:02,500
                Hello from <i>inside</i> the file

                2
                00:00:03,000 --> 00:00:04,000
                Second cue
                """);
    }
}
