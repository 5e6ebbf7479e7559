package dev.kino.torrent.web;

import dev.kino.library.MediaTypes;
import dev.kino.torrent.TorrentView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The JSON of {@code /api/torrents}: a summary per torrent in lists, with files and piece map for one torrent. */
final class TorrentJson {
    private static final double PIECE_MAP_PRECISION = 1000.0;

    private TorrentJson() {}

    static JsonObject summary(TorrentView v) {
        TorrentView.TorrentStats s = v.stats();
        JsonObject o = new JsonObject()
                .put("infoHash", v.infoHash()).put("name", v.name())
                .put("state", v.state().name().toLowerCase(Locale.ROOT)).put("size", v.size())
                .put("fileCount", v.files().size())
                .put("stats", new JsonObject()
                        .put("peers", s.peers()).put("knownPeers", s.knownPeers())
                        .put("downloadSpeed", s.downloadSpeed()).put("uploadSpeed", s.uploadSpeed())
                        .put("progress", s.progress()).put("downloaded", s.downloaded()).put("uploaded", s.uploaded())
                        .put("piecesTotal", s.piecesTotal()).put("piecesVerified", s.piecesVerified()))
                .put("addedAt", v.addedAt() == null ? null : v.addedAt().toString())
                .put("addedBy", v.addedBy());
        if (v.error() != null) {
            o.put("error", v.error());
        }
        return o;
    }

    static JsonObject detail(TorrentView v) {
        JsonArray files = new JsonArray();
        for (TorrentView.TorrentFile f : v.files()) {
            String type = MediaTypes.of(f.path()).orElse(null);
            files.add(new JsonObject().put("index", f.index()).put("path", f.path()).put("size", f.size())
                    .put("progress", f.progress()).put("mimeType", type)
                    .put("kind", type == null ? null : type.substring(0, type.indexOf('/'))));
        }
        JsonArray pieces = new JsonArray();
        for (double d : v.pieceMap() == null ? new double[0] : v.pieceMap()) {
            pieces.add(Math.round(d * PIECE_MAP_PRECISION) / PIECE_MAP_PRECISION);
        }
        return summary(v).put("files", files).put("pieceMap", pieces);
    }
}
