package dev.kino.torrent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.auth.LinkSigner;
import dev.kino.torrent.TorrentView;
import dev.kino.transcode.MediaSource;
import java.net.URI;
import org.junit.jupiter.api.Test;

class TorrentSourcesTest {
    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void theServerReachesItselfOnTheAddressItListensOn() {
        assertEquals("http://127.0.0.1:8080", TorrentSources.selfUrl("0.0.0.0", 8080));
        assertEquals("http://127.0.0.1:8080", TorrentSources.selfUrl("localhost", 8080));
        assertEquals("http://127.0.0.1:8080", TorrentSources.selfUrl("127.0.0.1", 8080));
        assertEquals("http://127.0.0.2:81", TorrentSources.selfUrl("127.0.0.2", 81));
        assertEquals("http://[::1]:8080", TorrentSources.selfUrl("::", 8080));
        assertEquals("http://[::1]:8080", TorrentSources.selfUrl("[::]", 8080));
        assertEquals("http://[::1]:8080", TorrentSources.selfUrl("::1", 8080));
        assertEquals("http://192.168.1.5:8080", TorrentSources.selfUrl("192.168.1.5", 8080), "bound to one interface: that one");
        assertEquals("http://[fd00::5]:8080", TorrentSources.selfUrl("fd00::5", 8080));
    }

    @Test
    void aSourceIsASignedLinkToExactlyThatFile() {
        LinkSigner signer = new LinkSigner(new byte[32]);
        TorrentSources sources = new TorrentSources(signer, "0.0.0.0", () -> 4321);
        MediaSource s = sources.of(HASH, new TorrentView.TorrentFile(2, "Film/Extras/b.avi", 1000, 0.5));
        assertEquals("torrent:" + HASH + "/2", s.key());
        assertEquals("b.avi", s.label());
        assertEquals("avi", s.container());
        URI uri = URI.create(s.input());
        assertEquals("http://127.0.0.1:4321/torrents/" + HASH + "/files/2", s.input().substring(0, s.input().indexOf('?')));
        String expires = uri.getQuery().replaceAll(".*expires=(\\d+).*", "$1");
        String sig = uri.getQuery().replaceAll(".*sig=([A-Za-z0-9_-]+).*", "$1");
        long now = System.currentTimeMillis() / 1000;
        assertEquals(LinkSigner.Verdict.VALID, signer.verify(uri.getPath(), expires, sig, now));
        assertTrue(Long.parseLong(expires) - now <= TorrentSources.LINK_TTL.toSeconds(), "short-lived: it shows in the process list");
        assertEquals(LinkSigner.Verdict.EXPIRED, signer.verify(uri.getPath(), expires, sig, now + TorrentSources.LINK_TTL.toSeconds() + 5));
    }
}
