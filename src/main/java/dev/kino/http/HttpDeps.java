package dev.kino.http;

import dev.kino.auth.AuthService;
import dev.kino.auth.LinkSigner;
import dev.kino.config.AuthConfig;
import dev.kino.config.HttpConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * What the HTTP server is given by the app: the accounts and links it checks itself, and the capabilities' web
 * faces, mounted in this order.
 *
 * @param baseUrl the configured public URL for signed links, or null to use the address the client asked for
 * @param metrics the registry {@code /metrics} shows
 * @param linkTargets whether what {@code POST /api/sign} is asked for exists for the user
 */
public record HttpDeps(HttpConfig http, AuthConfig authConfig, AuthService auth, LinkSigner signer, String baseUrl,
                       PrometheusMeterRegistry metrics, LinkTargets linkTargets, List<WebModule> modules) {}
