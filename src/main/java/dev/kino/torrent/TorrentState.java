package dev.kino.torrent;

/** Where a torrent is in its life. */
public enum TorrentState {
    /** Waiting for the swarm to send the info dictionary. */
    METADATA,
    DOWNLOADING,
    /** Every piece verified; still serving peers. */
    COMPLETE,
    PAUSED,
    ERROR
}
