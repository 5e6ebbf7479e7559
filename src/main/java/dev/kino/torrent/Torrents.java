package dev.kino.torrent;

import dev.kino.store.User;
import java.util.List;
import java.util.Optional;

/**
 * The torrent service as the HTTP layer sees it. Implementations own the BitTorrent client, the piece scheduler
 * and the on-disk state; every method may block briefly (database, disk) and is never called on an event loop.
 */
public interface Torrents extends AutoCloseable {

    /**
     * Adds a magnet link; returns at once (metadata may still be pending). Adding a known infohash changes nothing
     * and returns it as it is, with the account that added it first.
     */
    TorrentView addMagnet(String magnetUri, User addedBy) throws TorrentException;

    /** Adds a {@code .torrent} file's bytes, as {@link #addMagnet} does a magnet. */
    TorrentView addTorrentFile(byte[] metainfo, User addedBy) throws TorrentException;

    List<TorrentView> list();

    /** @param infoHash 40 lower-case hex digits */
    Optional<TorrentView> get(String infoHash);

    /** Stops and forgets a torrent; with {@code deleteData} its downloaded files are removed too. */
    void remove(String infoHash, boolean deleteData) throws TorrentException;

    void pause(String infoHash) throws TorrentException;

    void resume(String infoHash) throws TorrentException;

    /**
     * Opens a reader on one file of a torrent whose metadata has arrived. Reads block until the pieces they need are
     * verified, and steer the piece scheduler to the reader's position.
     */
    TorrentFileReader open(String infoHash, int fileIndex) throws TorrentException;

    @Override
    void close();
}
