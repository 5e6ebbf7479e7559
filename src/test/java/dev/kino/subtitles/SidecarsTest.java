package dev.kino.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Subtitle files beside a video, found by name, with language and flags from the name. */
class SidecarsTest {
    @Test
    void namesGiveLanguageFlagsAndTitle() {
        List<SubtitleTrack> t = Sidecars.find("Film (2019).mkv", List.of("Film (2019).mkv", "Film (2019).srt",
                "Film (2019).en.srt", "Film (2019).fr.forced.ass", "film (2019).English.SDH.srt", "Film (2019).pt-BR.default.vtt",
                "Film (2019).eng.Director's commentary.ssa", "Film (2019).en.hi.srt", "Other.en.srt", "Film (2019).en.txt",
                "Film (2019) extras.srt"));
        assertEquals(List.of(
                new SubtitleTrack(true, "Film (2019).en.hi.srt", -1, "srt", "en", null, false, false, true),
                new SubtitleTrack(true, "Film (2019).en.srt", -1, "srt", "en", null, false, false, false),
                new SubtitleTrack(true, "Film (2019).eng.Director's commentary.ssa", -1, "ssa", "en", "Director's commentary",
                        false, false, false),
                new SubtitleTrack(true, "Film (2019).fr.forced.ass", -1, "ass", "fr", null, false, true, false),
                new SubtitleTrack(true, "Film (2019).pt-BR.default.vtt", -1, "vtt", "pt-BR", null, true, false, false),
                new SubtitleTrack(true, "Film (2019).srt", -1, "srt", null, null, false, false, false),
                new SubtitleTrack(true, "film (2019).English.SDH.srt", -1, "srt", "en", null, false, false, true)), t);
        assertEquals("French (forced)", t.get(3).label());
        assertEquals("Portuguese (Brazil)", t.get(4).label());
        assertEquals("Unknown language", t.get(5).label());
    }

    @Test
    void languageCodesOfEveryKindBecomeBcp47() {
        assertEquals("fr", Languages.tag("fre").orElseThrow(), "Matroska's bibliographic code");
        assertEquals("fr", Languages.tag("fra").orElseThrow());
        assertEquals("de", Languages.tag("ger").orElseThrow());
        assertEquals("zh", Languages.tag("chi").orElseThrow());
        assertEquals("ru", Languages.tag("Russian").orElseThrow());
        assertEquals("es", Languages.tag("español").orElseThrow());
        assertEquals("pt-BR", Languages.tag("pt_br").orElseThrow());
        assertEquals(true, Languages.tag("und").isEmpty());
        assertEquals(true, Languages.tag("commentary").isEmpty());
    }
}
