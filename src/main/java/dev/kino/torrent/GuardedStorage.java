package dev.kino.torrent;

import bt.data.Storage;
import bt.data.StorageUnit;
import bt.data.file.FileSystemStorage;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Bt's file storage under one torrent's folder, refusing hostile names before any file is made. Bt would rewrite
 * them itself; refusing keeps every accepted file at the path Kino computes, and a magnet's metadata is checked here
 * because it arrives inside Bt. A refusal fails the torrent's Bt session. Every unit reports its I/O failures to
 * {@code onFailure}.
 */
final class GuardedStorage implements Storage {
    private final FileSystemStorage delegate;
    private final Consumer<RuntimeException> onFailure;

    GuardedStorage(Path root, Consumer<RuntimeException> onFailure) {
        this.delegate = new FileSystemStorage(root);
        this.onFailure = onFailure;
    }

    @Override
    public StorageUnit getUnit(Torrent torrent, TorrentFile file) {
        Optional<String> hostile = Metainfo.hostileName(torrent);
        if (hostile.isPresent()) {
            throw new IllegalStateException("refused torrent " + torrent.getTorrentId() + ": " + hostile.get());
        }
        return new ReportingStorageUnit(delegate.getUnit(torrent, file), onFailure);
    }

    @Override
    public void flush() {
        delegate.flush();
    }
}
