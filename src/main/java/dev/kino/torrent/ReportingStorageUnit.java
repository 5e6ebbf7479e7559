package dev.kino.torrent;

import bt.data.StorageUnit;
import bt.net.buffer.ByteBufferView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Bt storage unit that reports its I/O failures. Bt 1.10 logs a failed block write and goes on asking for more
 * pieces it cannot store, so a full disk or an unwritable folder would leave a torrent "downloading" for ever; the
 * report lets the torrent fail with the reason instead.
 */
final class ReportingStorageUnit implements StorageUnit {
    private final StorageUnit delegate;
    private final Consumer<RuntimeException> onFailure;

    ReportingStorageUnit(StorageUnit delegate, Consumer<RuntimeException> onFailure) {
        this.delegate = delegate;
        this.onFailure = onFailure;
    }

    @Override
    public int readBlock(ByteBuffer buffer, long offset) {
        return reporting(() -> delegate.readBlock(buffer, offset));
    }

    @Override
    public void readBlockFully(ByteBuffer buffer, long offset) {
        reporting(() -> delegate.readBlockFully(buffer, offset));
    }

    @Override
    public int writeBlock(ByteBuffer buffer, long offset) {
        return reporting(() -> delegate.writeBlock(buffer, offset));
    }

    @Override
    public void writeBlockFully(ByteBuffer buffer, long offset) {
        reporting(() -> delegate.writeBlockFully(buffer, offset));
    }

    @Override
    public int writeBlock(ByteBufferView buffer, long offset) {
        return reporting(() -> delegate.writeBlock(buffer, offset));
    }

    @Override
    public void writeBlockFully(ByteBufferView buffer, long offset) {
        reporting(() -> delegate.writeBlockFully(buffer, offset));
    }

    @Override
    public long capacity() {
        return delegate.capacity();
    }

    @Override
    public long size() {
        return reporting(delegate::size);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    private <T> T reporting(Supplier<T> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            onFailure.accept(e);
            throw e;
        }
    }

    private void reporting(Runnable op) {
        reporting(() -> {
            op.run();
            return null;
        });
    }
}
