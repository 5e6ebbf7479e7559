package dev.kino.http;

import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** {@code GET|HEAD /media/{id}}: looks the id up, checks the file on a worker thread, hands it to {@link FileResponder}. */
final class MediaHandler {
    private final MediaLibrary library;
    private final FileResponder responder;

    MediaHandler(MediaLibrary library, FileResponder responder) {
        this.library = library;
        this.responder = responder;
    }

    void handle(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        if (item.isEmpty()) {
            JsonErrors.send(ctx.response(), 404, "not found", ctx.request().method() == HttpMethod.HEAD);
            return;
        }
        MediaItem it = item.get();
        ctx.vertx().executeBlocking(() -> library.stat(it), false)
                .onSuccess(st -> responder.respond(ctx.request(), st.path(), st.size(), st.modifiedMillis(), it.mimeType()))
                .onFailure(ctx::fail);
    }
}
