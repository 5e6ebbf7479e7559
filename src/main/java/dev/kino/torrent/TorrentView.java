package dev.kino.torrent;

import dev.kino.store.User;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one torrent, as {@code GET /api/torrents/{infoHash}} shows it.
 *
 * @param infoHash 40 lower-case hex digits
 * @param name the torrent's name, or the magnet's {@code dn} (or the infohash) until metadata arrives
 * @param files empty until metadata arrives
 * @param pieceMap the download state in at most 256 buckets, each the fraction (0..1) of its pieces verified;
 *     empty until metadata arrives
 * @param addedBy the name of the account that added it
 * @param ownerId that account's id; null for a torrent stored before owners were kept, or whose account was removed
 */
public record TorrentView(String infoHash, String name, TorrentState state, long size, List<TorrentFile> files,
                          TorrentStats stats, double[] pieceMap, Instant addedAt, String addedBy, Long ownerId,
                          String error) {

    /** Whether {@code user} may see and control it: the account that added it and the admins, nobody else. */
    public boolean visibleTo(User user) {
        return user.admin() || ownerId != null && ownerId == user.id();
    }

    /** One file inside a torrent; {@code path} uses '/' and is already sanitised. */
    public record TorrentFile(int index, String path, long size, double progress) {}

    /**
     * Live swarm statistics.
     *
     * @param peers connected peers
     * @param knownPeers peers known from trackers, DHT and exchange
     * @param downloadSpeed bytes per second over the last few seconds
     * @param uploadSpeed bytes per second over the last few seconds
     * @param progress verified fraction of the wanted data, 0..1
     */
    public record TorrentStats(int peers, int knownPeers, long downloadSpeed, long uploadSpeed, double progress,
                               long downloaded, long uploaded, int piecesTotal, int piecesVerified) {}
}
