package dev.kino.torrent;

import dev.kino.torrent.schedule.TorrentLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Checks one piece on disk against its SHA-1 from the metadata, without Bt. A paused torrent has no Bt session to
 * check its data after a restart; this lets it still serve the pieces it has, one piece at a time as they are read.
 */
final class LocalPieceCheck {
    private LocalPieceCheck() {}

    /** True if every byte of {@code piece} is on disk and hashes to the metadata's value. */
    static boolean verify(LoadedTorrent t, int piece) {
        TorrentLayout layout = t.layout();
        long start = layout.pieceStart(piece);
        long end = layout.pieceEnd(piece);
        MessageDigest sha1 = sha1();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        for (TorrentLayout.FileSpan f : layout.files()) {
            long from = Math.max(start, f.offset());
            long to = Math.min(end, f.end());
            if (from >= to) {
                continue;
            }
            try (FileChannel ch = FileChannel.open(t.paths().get(f.index()), StandardOpenOption.READ)) {
                for (long at = from; at < to; ) {
                    buf.clear().limit((int) Math.min(buf.capacity(), to - at));
                    int n = ch.read(buf, at - f.offset());
                    if (n <= 0) {
                        return false; // the file is shorter than the torrent says: the piece is not all there
                    }
                    sha1.update(buf.flip());
                    at += n;
                }
            } catch (IOException e) {
                return false; // missing or unreadable: not there
            }
        }
        return Arrays.equals(sha1.digest(), hash(t, piece));
    }

    private static byte[] hash(LoadedTorrent t, int piece) {
        Iterator<byte[]> it = t.torrent().getChunkHashes().iterator();
        for (int i = 0; i < piece; i++) {
            it.next();
        }
        return it.next();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1 in this JDK", e);
        }
    }
}
