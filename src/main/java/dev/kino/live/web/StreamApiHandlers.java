package dev.kino.live.web;

import dev.kino.http.AccessGuard;
import dev.kino.http.BadRequestException;
import dev.kino.http.Requests;
import dev.kino.http.JsonErrors;
import dev.kino.live.StreamDirectory;
import dev.kino.live.output.record.LiveRecorder;
import dev.kino.store.User;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/streams} declares a stream and shows its key once; {@code POST /api/streams/{name}/key} rotates it;
 * {@code POST /api/streams/{name}/record} turns recording on or off. With RTMP on, the first two answers carry the
 * settings to paste into OBS ({@code obs.server}, {@code obs.streamKey}).
 */
final class StreamApiHandlers {
    /** What {@link #record} found. */
    private enum RecordAnswer { DONE, NOT_YOURS, IN_CONFIG }

    private final StreamDirectory directory;
    private final int rtmpPort;
    private final LiveRecorder recorder;

    StreamApiHandlers(StreamDirectory directory, int rtmpPort, LiveRecorder recorder) {
        this.directory = directory;
        this.rtmpPort = rtmpPort;
        this.recorder = recorder;
    }

    void create(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx);
        String name = Requests.string(body, "name");
        boolean isPublic = Boolean.TRUE.equals(body.getValue("public"));
        if (name == null || !StreamDirectory.NAME.matcher(name).matches()) {
            throw new BadRequestException("name must be 1-64 letters, digits, _ or -");
        }
        User user = AccessGuard.user(ctx).orElseThrow();
        boolean record = Boolean.TRUE.equals(body.getValue("record"));
        ctx.vertx().executeBlocking(() -> directory.create(name, isPublic, user.id())
                .filter(k -> !record || directory.setRecord(name, true)), false).onSuccess(key -> {
            if (key.isEmpty()) {
                JsonErrors.send(ctx.response(), 409, "a stream of that name exists", false);
            } else {
                ctx.response().setStatusCode(201);
                ctx.json(withObs(ctx, new JsonObject().put("name", name).put("public", isPublic).put("record", record)
                        .put("streamKey", key.get())));
            }
        }).onFailure(ctx::fail);
    }

    void rotate(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        User user = AccessGuard.user(ctx).orElseThrow();
        ctx.vertx().executeBlocking(() -> controls(user, name) ? directory.rotate(name) : java.util.Optional.<String>empty(),
                false).onSuccess(key -> {
            if (key.isEmpty()) {
                JsonErrors.send(ctx.response(), 404, "no such stream of yours", false);
            } else {
                ctx.json(withObs(ctx, new JsonObject().put("name", name).put("streamKey", key.get())));
            }
        }).onFailure(ctx::fail);
    }

    /** {@code {"on":true|false}}: owner or admin; a stream declared in config records as config says (409). */
    void record(RoutingContext ctx) {
        Object on = Requests.jsonObject(ctx).getValue("on");
        if (!(on instanceof Boolean)) {
            throw new BadRequestException("on must be true or false");
        }
        String name = ctx.pathParam("name");
        User user = AccessGuard.user(ctx).orElseThrow();
        ctx.vertx().executeBlocking(() -> {
            if (directory.inConfig(name)) {
                return user.admin() ? RecordAnswer.IN_CONFIG : RecordAnswer.NOT_YOURS;
            }
            if (!controls(user, name) || !directory.setRecord(name, (Boolean) on)) {
                return RecordAnswer.NOT_YOURS;
            }
            recorder.setRecording(name, (Boolean) on);
            return RecordAnswer.DONE;
        }, false).onSuccess(answer -> {
            switch (answer) {
                case DONE -> ctx.json(new JsonObject().put("name", name).put("record", on).put("recording", recorder.recording(name)));
                case IN_CONFIG -> JsonErrors.send(ctx.response(), 409, "stream " + name
                        + " is declared in config: it records with :record in live.streams or live.tcp", false);
                case NOT_YOURS -> JsonErrors.send(ctx.response(), 404, "no such stream of yours", false);
            }
        }).onFailure(ctx::fail);
    }

    /** Whether {@code user} may change stream {@code name}: one declared in the database, theirs or they an admin. Blocking. */
    private boolean controls(User user, String name) {
        var row = directory.find(name);
        return row.isPresent() && (user.admin() || Long.valueOf(user.id()).equals(row.get().ownerId()));
    }

    /** OBS's Server ({@code rtmp://HOST:PORT/live}, HOST as the browser reached Kino) and Stream key ({@code NAME?key=KEY}). */
    private JsonObject withObs(RoutingContext ctx, JsonObject answer) {
        if (rtmpPort > 0) {
            HostAndPort a = ctx.request().authority();
            String host = a == null ? "localhost" : a.host();
            answer.put("obs", new JsonObject().put("server", "rtmp://" + host + ":" + rtmpPort + "/live")
                    .put("streamKey", answer.getString("name") + "?key=" + answer.getString("streamKey")));
        }
        return answer;
    }
}
