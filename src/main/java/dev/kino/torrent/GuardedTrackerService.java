package dev.kino.torrent;

import bt.metainfo.TorrentId;
import bt.module.TrackerFactories;
import bt.tracker.AnnounceKey;
import bt.tracker.Tracker;
import bt.tracker.TrackerFactory;
import bt.tracker.TrackerRequestBuilder;
import bt.tracker.TrackerResponse;
import bt.tracker.TrackerService;
import com.google.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bt's tracker service, but a tracker (HTTP or UDP, alone or in an announce list) is asked only if its host resolves
 * to public addresses alone ({@link PublicAddresses}): a torrent cannot make the server connect to its own machine or
 * network. The host is resolved and checked right before every announce, and Bt's tracker client for the URL is made
 * only after the first check passed. Bound in place of Bt's own unless {@code torrent.allow-private-trackers}.
 */
final class GuardedTrackerService extends TrackerService {
    private static final Logger log = LoggerFactory.getLogger(GuardedTrackerService.class);
    private static final int MAX_REPORTED = 1000;

    private final PublicAddresses.Resolver resolver = InetAddress::getAllByName;
    /** Trackers refused and logged so far, so that each is logged once (not at every announce). */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    @Inject
    GuardedTrackerService(@TrackerFactories Map<String, TrackerFactory> trackerFactories) {
        super(trackerFactories);
    }

    @Override
    public Tracker getTracker(String trackerUrl) {
        return isSupportedProtocol(trackerUrl) ? new Guarded(trackerUrl) : super.getTracker(trackerUrl);
    }

    /** A single key goes through {@link #getTracker(String)}; Bt's announce list asks it for each of its URLs. */
    @Override
    public Tracker getTracker(AnnounceKey key) {
        return key.isMultiKey() ? super.getTracker(key) : getTracker(key.getTrackerUrl());
    }

    /** Why this tracker may not be asked now, or empty if it may. */
    private Optional<String> refusal(String url) {
        String host = host(url);
        if (host == null) {
            return Optional.of("not a tracker URL with a host");
        }
        try {
            return PublicAddresses.firstNonPublic(host, resolver)
                    .map(a -> host + " is " + a.getHostAddress() + ", not a public address (torrent.allow-private-trackers)");
        } catch (UnknownHostException e) {
            return Optional.of("cannot resolve " + host);
        }
    }

    /** The URL's host as {@link URI} reads it (as Bt's HTTP client does), or null. */
    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private TrackerResponse refused(String url, String why) {
        if (reported.size() < MAX_REPORTED && reported.add(url)) {
            log.info("tracker {} not asked: {}", url, why);
        }
        return TrackerResponse.failure("tracker not asked: " + why);
    }

    /** One tracker URL: each announce is checked first, then handed to Bt's own client for it. */
    private final class Guarded implements Tracker {
        private final String url;
        private volatile Tracker delegate;

        Guarded(String url) {
            this.url = url;
        }

        @Override
        public TrackerRequestBuilder request(TorrentId torrentId) {
            return new TrackerRequestBuilder(torrentId) {
                @Override
                public TrackerResponse start() {
                    return announce(this, TrackerRequestBuilder::start);
                }

                @Override
                public TrackerResponse stop() {
                    return announce(this, TrackerRequestBuilder::stop);
                }

                @Override
                public TrackerResponse complete() {
                    return announce(this, TrackerRequestBuilder::complete);
                }

                @Override
                public TrackerResponse query() {
                    return announce(this, TrackerRequestBuilder::query);
                }
            };
        }

        private TrackerResponse announce(TrackerRequestBuilder request, Function<TrackerRequestBuilder, TrackerResponse> event) {
            Optional<String> why = refusal(url);
            if (why.isPresent()) {
                return refused(url, why.get());
            }
            if (delegate == null) {
                delegate = GuardedTrackerService.super.getTracker(url);
            }
            TrackerRequestBuilder real = delegate.request(request.getTorrentId());
            if (request.getNumWant() != null) {
                real.numWant(request.getNumWant());
            }
            return event.apply(real);
        }

        @Override
        public void close() throws IOException {
            if (delegate != null) {
                delegate.close();
            }
        }

        @Override
        public String toString() {
            return url;
        }
    }
}
