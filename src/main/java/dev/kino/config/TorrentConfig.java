package dev.kino.config;

import java.time.Duration;

/**
 * The BitTorrent client.
 *
 * @param host             address the peer listener binds to
 * @param port             peer listening port; 0 picks a free one at start
 * @param dht              find peers through the mainline DHT (magnets without trackers need it)
 * @param localDiscovery   find peers on the LAN by multicast (BEP 14)
 * @param diskBudgetBytes  most bytes of torrent data kept; past it the least recently watched torrents lose their data
 *                         (0: no limit)
 * @param readAhead        how much media ahead of a reader's position is fetched first
 * @param allowPrivateTrackers announce to trackers on loopback, private, link-local and other non-public addresses
 *                         (off: a torrent cannot make the server connect into its own network)
 * @param metadataTimeout  how long a magnet may wait for its metadata before it fails with the reason (it can be
 *                         resumed to try again)
 */
public record TorrentConfig(String host, int port, boolean dht, boolean localDiscovery, long diskBudgetBytes,
                            Duration readAhead, boolean allowPrivateTrackers, Duration metadataTimeout) {
    public static final Duration DEFAULT_METADATA_TIMEOUT = Duration.ofMinutes(5);

    public static TorrentConfig defaults() {
        return new TorrentConfig("0.0.0.0", 6881, true, false, 50L << 30, Duration.ofSeconds(30), false);
    }

    /** With the default metadata timeout. */
    public TorrentConfig(String host, int port, boolean dht, boolean localDiscovery, long diskBudgetBytes,
                         Duration readAhead, boolean allowPrivateTrackers) {
        this(host, port, dht, localDiscovery, diskBudgetBytes, readAhead, allowPrivateTrackers, DEFAULT_METADATA_TIMEOUT);
    }
}
