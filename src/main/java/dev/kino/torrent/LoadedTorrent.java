package dev.kino.torrent;

import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;
import dev.kino.torrent.schedule.PieceScheduler;
import dev.kino.torrent.schedule.SchedulePolicy;
import dev.kino.torrent.schedule.TorrentLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A torrent whose metadata is known: Bt's view of it, where its files lie on the pieces and on disk, and the piece
 * scheduler steering its download.
 */
record LoadedTorrent(Torrent torrent, TorrentLayout layout, List<Path> paths, PieceScheduler scheduler) {

    static LoadedTorrent of(Torrent torrent, Path root, SchedulePolicy policy, BitSet verified) {
        List<TorrentFile> files = torrent.getFiles();
        long[] lengths = new long[files.size()];
        List<Path> paths = new ArrayList<>(files.size());
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = files.get(i).getSize();
            paths.add(Metainfo.location(root, torrent, files.get(i)));
        }
        TorrentLayout layout = TorrentLayout.of(torrent.getChunkSize(), lengths);
        PieceScheduler scheduler = new PieceScheduler(layout, policy, System::nanoTime);
        verified.stream().forEach(scheduler::markVerified);
        return new LoadedTorrent(torrent, layout, List.copyOf(paths), scheduler);
    }

    /** The same torrent with a fresh scheduler, after its data was deleted. */
    LoadedTorrent withNoData(SchedulePolicy policy) {
        return new LoadedTorrent(torrent, layout, paths, new PieceScheduler(layout, policy, System::nanoTime));
    }

    /** Bytes in the verified pieces. */
    long verifiedBytes(BitSet verified) {
        long bytes = (long) verified.cardinality() * layout.pieceLength();
        int last = layout.pieceCount() - 1;
        if (last >= 0 && verified.get(last)) {
            bytes -= layout.pieceLength() - (layout.pieceEnd(last) - layout.pieceStart(last));
        }
        return bytes;
    }
}
