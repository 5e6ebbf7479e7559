package dev.kino.torrent;

import bt.data.Storage;
import bt.data.StorageUnit;
import bt.data.file.FileSystemStorage;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Bt's file storage under one torrent's folder, refusing hostile names before any file is made. Bt would rewrite
 * them itself; refusing keeps every accepted file at the path Kino computes, and a magnet's metadata is checked here
 * because it arrives inside Bt. A refusal fails the torrent's Bt session.
 */
final class GuardedStorage implements Storage {
    private final FileSystemStorage delegate;

    GuardedStorage(Path root) {
        this.delegate = new FileSystemStorage(root);
    }

    @Override
    public StorageUnit getUnit(Torrent torrent, TorrentFile file) {
        Optional<String> hostile = Metainfo.hostileName(torrent);
        if (hostile.isPresent()) {
            throw new IllegalStateException("refused torrent " + torrent.getTorrentId() + ": " + hostile.get());
        }
        return delegate.getUnit(torrent, file);
    }

    @Override
    public void flush() {
        delegate.flush();
    }
}
