package dev.kino.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SubRip as real files have it, read into WebVTT. */
class SrtTest {
    @Test
    void aPlainFileBecomesWebVtt() throws Exception {
        String srt = "\uFEFF1\r\n00:00:01,500 --> 00:00:04,000\r\nHello there.\r\nSecond line\r\n\r\n"
                + "2\r\n00:01:02,003 --> 00:01:03,250\r\nFish & chips <3\r\n\r\n";
        assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n00:00:01.500 --> 00:00:04.000\nHello there.\nSecond line\n"
                + "\n00:01:02.003 --> 00:01:03.250\nFish &amp; chips &lt;3\n", WebVtt.write(Srt.read(srt)));
    }

    @Test
    void stylingIsKeptAndFontsDropped() throws Exception {
        List<Cue> cues = Srt.read("1\n00:00:01,000 --> 00:00:02,000\n<i>Whispers</i> and <b>shouts</b>\n"
                + "<font color=\"#ffff00\">yellow</font> <U>under</U>\n");
        assertEquals("<i>Whispers</i> and <b>shouts</b>\nyellow <u>under</u>", cues.get(0).text());
    }

    @Test
    void italicsAcrossLinesAreClosedAndReopened() throws Exception {
        List<Cue> cues = Srt.read("1\n00:00:01,000 --> 00:00:02,000\n<i>one\ntwo</i>\n");
        assertEquals("<i>one</i>\n<i>two</i>", cues.get(0).text());
    }

    @Test
    void assTagsInSrtPlaceTheCue() throws Exception {
        List<Cue> cues = Srt.read("1\n00:00:01,000 --> 00:00:02,000\n{\\an8}Sign at the top\n\n"
                + "2\n00:00:03,000 --> 00:00:04,000\n{\\i1}leaning{\\i0} text\n");
        assertEquals("line:0", cues.get(0).settings());
        assertEquals("Sign at the top", cues.get(0).text());
        assertEquals("", cues.get(1).settings());
        assertEquals("<i>leaning</i> text", cues.get(1).text());
    }

    @Test
    void sloppyFilesAreReadAsPlayersReadThem() throws Exception {
        String srt = "1\n0:00:01.5 --> 0:00:02.25 X1:100 X2:200 Y1:10 Y2:20\nno blank line after\n"
                + "2\n00:00:03,000 --> 00:00:04,000\nsecond\n\n\n\n"
                + "00:00:05,000 --> 00:00:06,000\nno number\n";
        List<Cue> cues = Srt.read(srt);
        assertEquals(3, cues.size(), cues.toString());
        assertEquals(1500, cues.get(0).startMillis());
        assertEquals(2250, cues.get(0).endMillis());
        assertEquals("no blank line after", cues.get(0).text());
        assertEquals("second", cues.get(1).text());
        assertEquals("no number", cues.get(2).text());
    }

    @Test
    void cuesComeOutInTimeOrderAndEmptyOnesAreDropped() throws Exception {
        String vtt = WebVtt.write(Srt.read("1\n00:00:05,000 --> 00:00:06,000\nlater\n\n"
                + "2\n00:00:01,000 --> 00:00:02,000\nearlier\n\n3\n00:00:03,000 --> 00:00:03,000\nzero length\n\n"
                + "4\n00:00:04,000 --> 00:00:05,000\n<i></i>\n"));
        assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n00:00:01.000 --> 00:00:02.000\nearlier\n\n00:00:05.000 --> 00:00:06.000\nlater\n", vtt);
    }

    @Test
    void textWithoutCuesIsRefusedWithAReason() {
        SubtitleFormatException e = assertThrows(SubtitleFormatException.class, () -> Srt.read("just some notes\nno times\n"));
        assertEquals("it holds no SubRip cue (no line like 00:00:01,000 --> 00:00:02,000)", e.getMessage());
    }
}
