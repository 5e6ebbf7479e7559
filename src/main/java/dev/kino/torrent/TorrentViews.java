package dev.kino.torrent;

import bt.metainfo.TorrentFile;
import bt.torrent.TorrentSessionState;
import dev.kino.torrent.schedule.TorrentLayout;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/** Builds the {@link TorrentView} snapshot of a session. */
final class TorrentViews {
    private TorrentViews() {}

    static TorrentView of(TorrentSession s, Optional<TorrentSessionState> bt) {
        SessionMeters meters = s.meters;
        LoadedTorrent l = s.loaded();
        BitSet verified = s.gate.snapshot();
        int peers = bt.map(st -> st.getConnectedPeers().size()).orElse(0);
        if (l == null) {
            var stats = new TorrentView.TorrentStats(peers, s.knownPeers.size(), meters.downloadSpeed(),
                    meters.uploadSpeed(), 0, meters.downloaded(), meters.uploaded(), 0, 0);
            return new TorrentView(s.infoHash, s.name(), state(s, false), 0, List.of(), stats, new double[0], s.addedAt,
                    s.addedBy, s.ownerId, s.error());
        }
        TorrentLayout layout = l.layout();
        int pieces = layout.pieceCount();
        int done = verified.cardinality();
        var stats = new TorrentView.TorrentStats(peers, s.knownPeers.size(), meters.downloadSpeed(),
                meters.uploadSpeed(), PieceMap.fraction(verified, 0, pieces), meters.downloaded(), meters.uploaded(),
                pieces, done);
        return new TorrentView(s.infoHash, s.name(), state(s, done == pieces), layout.totalLength(), files(l, verified),
                stats, PieceMap.buckets(verified, pieces, PieceMap.MAX_BUCKETS), s.addedAt, s.addedBy, s.ownerId, s.error());
    }

    static TorrentState state(TorrentSession s, boolean complete) {
        if (s.error() != null) {
            return TorrentState.ERROR;
        }
        if (s.paused()) {
            return TorrentState.PAUSED;
        }
        if (s.loaded() == null) {
            return TorrentState.METADATA;
        }
        return complete ? TorrentState.COMPLETE : TorrentState.DOWNLOADING;
    }

    private static List<TorrentView.TorrentFile> files(LoadedTorrent l, BitSet verified) {
        List<TorrentFile> files = l.torrent().getFiles();
        List<TorrentView.TorrentFile> out = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            var span = l.layout().file(i);
            out.add(new TorrentView.TorrentFile(i, Metainfo.displayPath(files.get(i)), span.length(),
                    PieceMap.fileProgress(verified, l.layout().pieceLength(), span.offset(), span.length())));
        }
        return out;
    }
}
