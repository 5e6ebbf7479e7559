package dev.kino.torrent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class M3uPlaylistTest {
    @Test
    void extendedM3uWithUnknownDurations() {
        assertEquals("#EXTM3U\n#EXTINF:-1,a.mp4\nhttp://h/a?x=1\n#EXTINF:-1,b c.mkv\nhttp://h/b\n",
                M3uPlaylist.write(List.of(new M3uPlaylist.Entry("a.mp4", "http://h/a?x=1"), new M3uPlaylist.Entry("b c.mkv", "http://h/b"))));
        assertEquals("#EXTM3U\n", M3uPlaylist.write(List.of()));
    }

    @Test
    void aTitleCannotStartANewLine() {
        assertEquals("#EXTM3U\n#EXTINF:-1,evil #EXTINF:-1,x file:///etc/passwd\nhttp://h/a\n",
                M3uPlaylist.write(List.of(new M3uPlaylist.Entry("evil\n#EXTINF:-1,x\r\nfile:///etc/passwd", "http://h/a"))));
    }
}
