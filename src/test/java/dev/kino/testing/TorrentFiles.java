package dev.kino.testing;

import bt.metainfo.MetadataService;
import java.util.HexFormat;

/** Facts about {@code .torrent} files, read with Bt's parser. */
public final class TorrentFiles {
    private TorrentFiles() {}

    /** The info hash (40 lower-case hex digits) of a {@code .torrent} file's bytes. */
    public static String infoHash(byte[] torrent) {
        return HexFormat.of().formatHex(new MetadataService().fromByteArray(torrent).getTorrentId().getBytes());
    }
}
