package dev.kino.torrent;

import java.time.Duration;

/**
 * Bt timings that are not user settings. Production keeps Bt's and the trackers' own pace; tests shorten them so a
 * seeder that comes back is found within seconds.
 *
 * @param trackerInterval how often to ask trackers for peers, or null to follow each tracker's answer
 * @param peerDiscoveryInterval how often Bt looks through its peer sources
 * @param unreachablePeerBan how long a peer that could not be reached is left alone
 * @param stopTimeout how long to wait for Bt to finish with a torrent after stopping it
 */
public record EngineTuning(Duration trackerInterval, Duration peerDiscoveryInterval, Duration unreachablePeerBan,
                           Duration stopTimeout) {
    public static final EngineTuning DEFAULTS = new EngineTuning(null, Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(10));
}
