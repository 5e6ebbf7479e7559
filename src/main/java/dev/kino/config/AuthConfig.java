package dev.kino.config;

import java.time.Duration;

/**
 * Accounts and sessions.
 *
 * @param sessionTtl        how long a login lasts
 * @param loginMaxFailures  failed logins allowed per client and user name within {@code loginWindow}
 * @param loginWindow       the window failures are counted in
 * @param maxLinkTtl        the longest lifetime a signed link may be given
 */
public record AuthConfig(Duration sessionTtl, int loginMaxFailures, Duration loginWindow, Duration maxLinkTtl) {}
