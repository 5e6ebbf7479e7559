package dev.kino.http;

import dev.kino.auth.AuthService;
import dev.kino.auth.LinkSigner;
import dev.kino.config.AuthConfig;
import dev.kino.config.HttpConfig;
import dev.kino.library.MediaLibrary;
import dev.kino.library.MediaProber;
import dev.kino.library.PosterCache;
import dev.kino.library.SourceProber;
import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.StreamHub;
import dev.kino.torrent.Torrents;
import dev.kino.transcode.HlsService;
import dev.kino.transcode.TranscodeService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What the HTTP layer is given by the app: services, never the other way round.
 *
 * @param sourceProber probes files that are not in the library (torrent files)
 * @param baseUrl the configured public URL for signed links, or null to use the address the client asked for
 * @param metrics the registry {@code /metrics} shows
 * @param torrents the torrent service; it outlives the HTTP layer, which never closes it
 */
public record HttpDeps(HttpConfig http, AuthConfig authConfig, AuthService auth, LinkSigner signer, MediaLibrary library,
                       MediaProber prober, SourceProber sourceProber, PosterCache posters, TranscodeService transcodes, HlsService hls,
                       StreamHub hub, StreamDirectory streams,
                       String baseUrl, PrometheusMeterRegistry metrics, Torrents torrents) {}
