package dev.kino.http;

import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.IntSupplier;

/**
 * What every capability's routes share: who may go on ({@link AccessGuard}), request counting, the body handler for
 * small JSON bodies, and the server's bound port (known once it listens).
 */
public record WebContext(AccessGuard guard, HttpMetrics metrics, BodyHandler apiBody, IntSupplier port) {}
