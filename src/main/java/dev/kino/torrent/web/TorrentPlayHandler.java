package dev.kino.torrent.web;

import dev.kino.transcode.web.HlsResponder;
import dev.kino.transcode.web.PlaybackJson;
import dev.kino.transcode.UnplayableException;
import dev.kino.library.SourceProber;
import dev.kino.store.MediaInfo;
import dev.kino.torrent.TorrentView;
import dev.kino.torrent.Torrents;
import dev.kino.transcode.HlsMode;
import dev.kino.transcode.MediaSource;
import dev.kino.transcode.PlaybackPlanner;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Torrent files through the remux/transcode ladder, read from the torrent as it downloads:
 * {@code POST /api/torrents/{hash}/files/{n}/play} (the body and answer of {@code /api/play/{id}}) and
 * {@code GET /torrents/{hash}/files/{n}/hls/{remux|transcode}/{index.m3u8|k.ts}}. The file is probed once, through
 * the server's own byte-range route; while it is still downloading a remux becomes a transcode
 * ({@link PlaybackPlanner#whileArriving}), and its remux rendition is refused.
 */
final class TorrentPlayHandler {
    /** A torrent file with what ffprobe found in it. */
    private record Probed(TorrentView.TorrentFile file, MediaSource source, MediaInfo info) {
        boolean complete() {
            return file.progress() >= 1;
        }
    }

    private final Torrents torrents;
    private final TorrentSources sources;
    private final SourceProber prober;
    private final HlsResponder hls;

    TorrentPlayHandler(Torrents torrents, TorrentSources sources, SourceProber prober, HlsResponder hls) {
        this.torrents = torrents;
        this.sources = sources;
        this.prober = prober;
        this.hls = hls;
    }

    void play(RoutingContext ctx) {
        String hash = TorrentParams.infoHash(ctx);
        int index = TorrentParams.fileIndex(ctx);
        PlaybackPlanner.Capabilities caps = PlaybackJson.capabilities(ctx);
        probe(ctx, hash, index).onSuccess(p -> {
            if (p.info().error() != null) {
                ctx.fail(new UnplayableException("this file cannot be played: " + p.info().error()));
                return;
            }
            PlaybackPlanner.Plan plan = PlaybackPlanner.plan(p.source().container(), p.info().videoCodec(), p.info().audioCodec(),
                    true, caps);
            ctx.json(PlaybackJson.answer(p.complete() ? plan : PlaybackPlanner.whileArriving(plan),
                    "/torrents/" + hash + "/files/" + index, "index.m3u8", p.info().durationSeconds()));
        }).onFailure(ctx::fail);
    }

    void hls(RoutingContext ctx) {
        String hash = TorrentParams.infoHash(ctx);
        int index = TorrentParams.fileIndex(ctx);
        Optional<HlsMode> mode = HlsResponder.mode(ctx);
        if (mode.isEmpty()) {
            ctx.fail(404);
            return;
        }
        probe(ctx, hash, index).onSuccess(p -> {
            if (mode.get() == HlsMode.REMUX && !p.complete()) {
                ctx.fail(new UnplayableException("a remux needs the whole file, which is still downloading: use the transcode rendition"));
            } else {
                hls.respond(ctx, p.source(), p.info(), mode.get());
            }
        }).onFailure(ctx::fail);
    }

    /** The file (404 if none, 503 before the metadata) and its probe (503 while its first and last parts are missing). */
    private Future<Probed> probe(RoutingContext ctx, String hash, int index) {
        return ctx.vertx().executeBlocking(() -> TorrentParams.file(torrents, hash, index), false)
                .compose(f -> {
                    MediaSource source = sources.of(hash, f);
                    return Future.fromCompletionStage(prober.info(source), ctx.vertx().getOrCreateContext())
                            .map(info -> new Probed(f, source, info));
                });
    }
}
