package dev.kino.torrent;

import java.util.List;
import java.util.Optional;

/** The torrent service when none is running: nothing is listed, and every change or read fails with one message. */
public final class NoTorrents implements Torrents {
    private static TorrentException unavailable() {
        return new TorrentException(TorrentException.Kind.FAILED, "torrents are not available");
    }

    @Override
    public TorrentView addMagnet(String magnetUri, String addedBy) throws TorrentException {
        throw unavailable();
    }

    @Override
    public TorrentView addTorrentFile(byte[] metainfo, String addedBy) throws TorrentException {
        throw unavailable();
    }

    @Override
    public List<TorrentView> list() {
        return List.of();
    }

    @Override
    public Optional<TorrentView> get(String infoHash) {
        return Optional.empty();
    }

    @Override
    public void remove(String infoHash, boolean deleteData) throws TorrentException {
        throw unavailable();
    }

    @Override
    public void pause(String infoHash) throws TorrentException {
        throw unavailable();
    }

    @Override
    public void resume(String infoHash) throws TorrentException {
        throw unavailable();
    }

    @Override
    public TorrentFileReader open(String infoHash, int fileIndex) throws TorrentException {
        throw unavailable();
    }

    @Override
    public void close() {
        // nothing to stop
    }
}
