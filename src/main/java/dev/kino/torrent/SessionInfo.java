package dev.kino.torrent;

import bt.metainfo.Torrent;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What a {@link TorrentSession} starts from: a stored row or a new addition.
 *
 * @param magnet the magnet link, or null when added from a file
 * @param torrent the parsed metadata, or null until the swarm sends it
 * @param root the torrent's own data folder
 * @param ownerId the account that added it, or null (the admins' alone)
 * @param evicted paused because the disk budget deleted its data
 */
record SessionInfo(String infoHash, String magnet, Torrent torrent, String name, Path root, Instant addedAt,
                   String addedBy, Long ownerId, boolean paused, Instant lastWatched, boolean evicted) {}
