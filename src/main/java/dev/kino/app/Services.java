package dev.kino.app;

import dev.kino.auth.AuthService;
import dev.kino.config.AuthConfig;
import dev.kino.store.Database;
import dev.kino.store.SessionStore;
import dev.kino.store.UserStore;

/** Builds the services the server and the command-line tools share. */
public final class Services {
    private Services() {}

    public static AuthService auth(Database db, AuthConfig config) {
        return new AuthService(new UserStore(db), new SessionStore(db), config, System::currentTimeMillis);
    }
}
