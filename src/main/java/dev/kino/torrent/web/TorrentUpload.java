package dev.kino.torrent.web;

import dev.kino.http.BadRequestException;
import dev.kino.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Locale;

/**
 * What {@code POST /api/torrents} was sent: a magnet link (JSON {@code {"magnet": …}} or a form field
 * {@code magnet}) or a {@code .torrent} file (the raw body as {@code application/x-bittorrent}, or the form upload
 * {@code torrent}). Form uploads are read here, in memory and capped; other bodies come from the BodyHandler.
 */
final class TorrentUpload {
    /** The largest {@code .torrent} file accepted. */
    static final int MAX_FILE = 4 * 1024 * 1024;
    private static final int MAX_MAGNET = 8 * 1024;
    private static final String FILE_FIELD = "torrent";

    /** A magnet URI or a metainfo file. */
    sealed interface Upload permits Magnet, Metainfo {}

    record Magnet(String uri) implements Upload {}

    record Metainfo(byte[] bytes) implements Upload {}

    private TorrentUpload() {}

    /** A body the BodyHandler has read. */
    static Upload fromBody(RoutingContext ctx) {
        if (type(ctx.request()).startsWith("application/x-bittorrent")) {
            Buffer b = ctx.body().buffer();
            return metainfo(b == null ? new byte[0] : b.getBytes());
        }
        return magnet(Requests.string(Requests.jsonObject(ctx), "magnet"));
    }

    /** Reads a {@code multipart/form-data} request; must be called before the request's body has arrived. */
    static Future<Upload> fromForm(HttpServerRequest req) {
        Promise<Upload> result = Promise.promise();
        Buffer file = Buffer.buffer();
        boolean[] sawFile = {false};
        req.setExpectMultipart(true);
        req.uploadHandler(upload -> {
            boolean wanted = FILE_FIELD.equals(upload.name());
            sawFile[0] |= wanted;
            upload.handler(chunk -> {
                if (wanted && file.length() + chunk.length() > MAX_FILE) {
                    result.tryFail(new HttpException(413, "a .torrent file may be at most " + MAX_FILE + " bytes"));
                } else if (wanted) {
                    file.appendBuffer(chunk);
                }
            });
        });
        req.exceptionHandler(result::tryFail);
        req.endHandler(v -> {
            try {
                result.tryComplete(sawFile[0] ? metainfo(file.getBytes()) : magnet(req.getFormAttribute("magnet")));
            } catch (BadRequestException e) {
                result.tryFail(e);
            }
        });
        return result.future();
    }

    private static Upload magnet(String uri) {
        String m = uri == null ? "" : uri.trim();
        if (m.length() > MAX_MAGNET || !m.regionMatches(true, 0, "magnet:?", 0, "magnet:?".length())) {
            throw new BadRequestException("magnet must be a magnet link (magnet:?xt=urn:btih:…) of at most " + MAX_MAGNET + " characters");
        }
        return new Magnet(m);
    }

    private static Upload metainfo(byte[] bytes) {
        if (bytes.length == 0) {
            throw new BadRequestException("the .torrent file is empty");
        }
        return new Metainfo(bytes);
    }

    private static String type(HttpServerRequest req) {
        String t = req.getHeader("Content-Type");
        return t == null ? "" : t.toLowerCase(Locale.ROOT).trim();
    }
}
