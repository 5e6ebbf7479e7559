package dev.kino.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ASS and SSA scripts keep in WebVTT their italics, bold and placement. */
class AssTest {
    private static final String HEAD = """
            [Script Info]
            ScriptType: v4.00+
            PlayResX: 1920
            PlayResY: 1080

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            Style: Default,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1
            Style: Thoughts,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,-1,0,0,100,100,0,0,1,2,2,2,10,10,10,1
            Style: Title,Arial,72,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,-1,0,0,0,100,100,0,0,1,2,2,8,10,10,10,1

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            """;

    @Test
    void stylesAndOverridesBecomeTags() throws Exception {
        List<Cue> cues = Ass.read(HEAD + """
                Dialogue: 0,0:00:01.00,0:00:03.50,Default,,0,0,0,,Hello, world{\\i1}, leaning{\\i0} and {\\b1}bold{\\b0}
                Dialogue: 0,0:00:04.00,0:00:05.00,Thoughts,,0,0,0,,I wonder\\Nwhy
                Comment: 0,0:00:04.00,0:00:05.00,Default,,0,0,0,,not shown
                Dialogue: 0,0:00:06.00,0:00:07.00,Title,,0,0,0,,Chapter One
                """);
        assertEquals(3, cues.size());
        assertEquals(new Cue(1000, 3500, "", "Hello, world<i>, leaning</i> and <b>bold</b>"), cues.get(0));
        assertEquals("<i>I wonder</i>\n<i>why</i>", cues.get(1).text(), "the style's italics, on both lines");
        assertEquals(new Cue(6000, 7000, "line:0", "<b>Chapter One</b>"), cues.get(2), "the style's top alignment and bold");
    }

    @Test
    void positionAndAlignmentOverridesBecomeCueSettings() throws Exception {
        List<Cue> cues = Ass.read(HEAD + """
                Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\an7}top left
                Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\pos(960,540)\\an5}centre of the picture
                Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\an3\\pos(1728,972)}bottom right
                Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\an6}middle right
                """);
        assertEquals("line:0 align:start", cues.get(0).settings());
        assertEquals("line:50%,center position:50%,center", cues.get(1).settings());
        assertEquals("line:90%,end position:90%,line-right align:end", cues.get(2).settings());
        assertEquals("line:50%,center align:end", cues.get(3).settings());
    }

    @Test
    void drawingsColoursAndEffectsAreLeftOut() throws Exception {
        List<Cue> cues = Ass.read(HEAD + """
                Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\p1}m 0 0 l 100 0 100 100 0 100{\\p0}
                Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\c&H0000FF&\\fad(200,200)\\k20}red{\\r} a<b & c>d\\hnbsp
                """);
        assertEquals(1, cues.size(), "the drawing has no text: " + cues);
        assertEquals("red a&lt;b &amp; c&gt;d\u00A0nbsp", cues.get(0).text());
    }

    @Test
    void anOldSsaScriptWithItsAlignmentNumbers() throws Exception {
        List<Cue> cues = Ass.read("""
                [Script Info]
                ScriptType: v4.00

                [V4 Styles]
                Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding
                Style: Default,Arial,20,16777215,65535,65535,-2147483640,-1,0,1,2,2,6,30,30,10,0,0

                [Events]
                Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
                Dialogue: Marked=0,0:00:01.00,0:00:02.00,Default,,0000,0000,0000,,Old school
                Dialogue: Marked=0,0:00:03.00,0:00:04.00,Default,,0000,0000,0000,,{\\a1}bottom left
                """);
        assertEquals(new Cue(1000, 2000, "line:0", "<b>Old school</b>"), cues.get(0), "SSA alignment 6 is top centre");
        assertEquals("align:start", cues.get(1).settings());
    }

    @Test
    void aFileWithoutEventsIsRefused() {
        assertThrows(SubtitleFormatException.class, () -> Ass.read("[Script Info]\nTitle: nothing\n"));
    }
}
