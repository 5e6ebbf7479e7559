package dev.kino.http;

import dev.kino.auth.SignablePath;
import dev.kino.store.User;

/**
 * Whether what a link would be signed for exists and {@code user} may see it (a library file, a torrent of theirs, a
 * stream): the app answers it from the capabilities' services. Blocking.
 */
@FunctionalInterface
public interface LinkTargets {
    boolean exists(SignablePath target, User user) throws Exception;
}
