package dev.kino.http;

import io.vertx.ext.web.Router;

/**
 * One capability's web face (the library, conversion, live, torrents): it mounts its own routes, given the shared
 * guards in {@link WebContext}. The app hands the server its modules; {@code http} never names a capability.
 */
@FunctionalInterface
public interface WebModule {
    void mount(Router router, WebContext web);
}
