package dev.kino.http;

import dev.kino.auth.AuthService;
import dev.kino.auth.LinkSigner;
import dev.kino.store.User;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Who may go on: a logged-in user, or for media also the holder of a valid signed link. Never blocks. */
public final class AccessGuard {
    private static final String USER_KEY = "kino.user";
    private static final String SIGNED_KEY = "kino.signed-link";
    /** One to six segments under the signed path, none of them {@code .}, {@code ..} or otherwise starting with a dot. */
    private static final String SUB_SEGMENTS = "(?:/[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}){1,6}";
    private static final Pattern SUBRESOURCE =
            Pattern.compile("(/media/[0-9a-f]{24}|/torrents/[0-9a-f]{40})" + SUB_SEGMENTS);
    /** A torrent file's renditions: a link to that one file opens them (tried before {@link #SUBRESOURCE}). */
    private static final Pattern TORRENT_FILE_SUBRESOURCE =
            Pattern.compile("(/torrents/[0-9a-f]{40}/files/[0-9]{1,9})/hls" + SUB_SEGMENTS);
    private static final Pattern LIVE_SUBRESOURCE = Pattern.compile(
            "(/live/[A-Za-z0-9_-]{1,64})(?:/ws|\\.webm|\\.mp4|/index\\.m3u8|/(?:init|seg|part)[0-9]{1,18}(?:\\.[0-9]{1,6})?\\.mp4)");

    private final AuthService auth;
    private final LinkSigner signer;

    public AccessGuard(AuthService auth, LinkSigner signer) {
        this.auth = auth;
        this.signer = signer;
    }

    /** Puts the session's user, if any, on the context; every request passes. */
    public void identify(RoutingContext ctx) {
        auth.sessionUser(SessionCookie.token(ctx.request())).ifPresent(u -> ctx.put(USER_KEY, u));
        ctx.next();
    }

    public static Optional<User> user(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(USER_KEY));
    }

    /** 401 unless logged in. */
    public void requireUser(RoutingContext ctx) {
        if (user(ctx).isPresent()) {
            ctx.next();
        } else {
            deny(ctx, 401, "login required");
        }
    }

    /** Metrics are for the machine itself (a local Prometheus or node agent) and for administrators. */
    public void requireLoopbackOrAdmin(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        boolean loopback = remote != null && remote.hostAddress() != null
                && (remote.hostAddress().startsWith("127.") || remote.hostAddress().equals("0:0:0:0:0:0:0:1") || remote.hostAddress().equals("::1"));
        if (loopback || user(ctx).map(User::admin).orElse(false)) {
            ctx.next();
        } else {
            deny(ctx, 403, "metrics are for administrators and the local machine");
        }
    }

    /**
     * A session, or a signed link for exactly this path: tampered or missing signature 403, expired 410, neither 401.
     * A valid link is noted ({@link #signedLink}) even with a session, since it opens what a session may not.
     */
    public void requireUserOrSignedLink(RoutingContext ctx) {
        String sig = Requests.query(ctx.request(), "sig");
        String expires = Requests.query(ctx.request(), "expires");
        boolean session = user(ctx).isPresent();
        if (sig == null && expires == null) {
            if (session) {
                ctx.next();
            } else {
                deny(ctx, 401, "login or signed link required");
            }
            return;
        }
        // the path the router routed on (the canonical-path filter has made it equal to the one the client sent)
        LinkSigner.Verdict verdict = verify(ctx.normalizedPath(), expires, sig);
        if (verdict == LinkSigner.Verdict.VALID) {
            ctx.put(SIGNED_KEY, true);
        }
        if (session || verdict == LinkSigner.Verdict.VALID) {
            ctx.next();
        } else if (verdict == LinkSigner.Verdict.EXPIRED) {
            deny(ctx, 410, "link expired");
        } else {
            deny(ctx, 403, "invalid link signature");
        }
    }

    /** Whether {@link #requireUserOrSignedLink} let the request in on a valid signed link for its path. */
    public static boolean signedLink(RoutingContext ctx) {
        return Boolean.TRUE.equals(ctx.get(SIGNED_KEY));
    }

    /**
     * A link signs one path; a link to a file ({@code /media/ID}) also opens that file's other forms
     * ({@code /media/ID/convert}...), since they show nothing the file itself does not; a link to a torrent
     * ({@code /torrents/HASH}) opens its files and its playlist, a link to one of its files that file's HLS
     * renditions, and a link to a stream ({@code /live/NAME}) its WebSocket, progressive and HLS forms.
     */
    private LinkSigner.Verdict verify(String path, String expires, String sig) {
        long now = System.currentTimeMillis() / 1000;
        LinkSigner.Verdict v = signer.verify(path, expires, sig, now);
        if (v != LinkSigner.Verdict.INVALID) {
            return v;
        }
        for (Pattern p : new Pattern[] {TORRENT_FILE_SUBRESOURCE, SUBRESOURCE, LIVE_SUBRESOURCE}) {
            Matcher m = p.matcher(path);
            if (m.matches()) {
                LinkSigner.Verdict sub = signer.verify(m.group(1), expires, sig, now);
                if (sub != LinkSigner.Verdict.INVALID) {
                    return sub;
                }
            }
        }
        return v;
    }

    private static void deny(RoutingContext ctx, int status, String message) {
        JsonErrors.send(ctx.response(), status, message, ctx.request().method() == HttpMethod.HEAD);
    }
}
