package dev.kino.auth;

import dev.kino.config.AuthConfig;
import dev.kino.store.SessionStore;
import dev.kino.store.User;
import dev.kino.store.UserStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, logins and sessions. Sessions live in the database and in memory, so checking a cookie never touches
 * the database; the methods that hash passwords or write to the database block and must run off the event loop.
 */
public final class AuthService {
    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 1024;
    private static final int PER_CLIENT_FACTOR = 4;

    private final UserStore users;
    private final SessionStore sessions;
    private final AuthConfig config;
    private final LongSupplier clock;
    private final LoginRateLimiter limiter;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** A session in memory; {@code stamp} is the password hash it was opened under (a new password voids it). */
    private record Cached(User user, long expiresAt, String stamp) {}

    public AuthService(UserStore users, SessionStore sessions, AuthConfig config, LongSupplier clockMillis) {
        this.users = users;
        this.sessions = sessions;
        this.config = config;
        this.clock = clockMillis;
        this.limiter = new LoginRateLimiter(config.loginWindow(), clockMillis);
    }

    /** Creates {@code admin} with a generated password when there are no users; returns that password. Blocking. */
    public Optional<String> ensureAdmin() {
        if (users.count() > 0) {
            return Optional.empty();
        }
        byte[] raw = new byte[15];
        random.nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        addUser("admin", password, true);
        return Optional.of(password);
    }

    /** Blocking. */
    public User addUser(String username, String password, boolean admin) {
        checkUsername(username);
        checkPassword(password);
        if (users.exists(username)) {
            throw new AuthException(AuthException.Kind.CONFLICT, "user '" + username + "' already exists");
        }
        return users.create(username, PasswordHasher.hash(password), admin);
    }

    /**
     * Sets a password and ends every session of the user, here and, within {@link #syncSessions}'s period, in a running
     * server on the same database. Blocking.
     */
    public void setPassword(String username, String password) {
        checkPassword(password);
        User user = existing(username);
        users.setPassword(username, PasswordHasher.hash(password));
        endSessions(user.id(), null);
        log.info("password of {} changed; its sessions ended", user.username());
    }

    /** Removes an account and ends its sessions (a running server drops them at its next {@link #syncSessions}). Blocking. */
    public void removeUser(String username) {
        User user = existing(username);
        endSessions(user.id(), null);
        users.delete(username);
        log.info("user {} removed", user.username());
    }

    /** Ends every other session of the user logged in with {@code token}; returns how many ended. Blocking. */
    public int endOtherSessions(String token) {
        User user = sessionUser(token).orElseThrow(() -> new AuthException(AuthException.Kind.NOT_LOGGED_IN, "login required"));
        return endSessions(user.id(), hashToken(token));
    }

    private int endSessions(long userId, String keepHash) {
        int ended = sessions.deleteForUser(userId, keepHash);
        cache.entrySet().removeIf(e -> e.getValue().user().id() == userId && !e.getKey().equals(keepHash));
        return ended;
    }

    private User existing(String username) {
        return users.credentials(username == null ? "" : username).map(UserStore.Credentials::user)
                .orElseThrow(() -> new AuthException(AuthException.Kind.INVALID_INPUT, "no user '" + username + "'"));
    }

    /**
     * Drops the sessions whose user is gone or has a new password since the session began: how a running server
     * learns of {@code kino user passwd} and {@code kino user remove}, which change the database under it. Blocking
     * (one small query); called every few seconds.
     */
    public void syncSessions() {
        Map<Long, String> current = users.passwordHashes();
        cache.values().removeIf(c -> !c.stamp().equals(current.get(c.user().id())));
    }

    /** Verifies a password and opens a session. Blocking (Argon2id and a database write). */
    public Session login(String username, String password, String clientAddress) {
        String name = username == null ? "" : username.trim();
        String pair = clientAddress + "|" + name.toLowerCase(java.util.Locale.ROOT);
        int max = config.loginMaxFailures();
        long wait = limiter.begin(pair, max, clientAddress, max * PER_CLIENT_FACTOR);
        if (wait > 0) {
            throw new AuthException(AuthException.Kind.RATE_LIMITED, "too many failed logins; try again later", wait);
        }
        String pw = password == null ? "" : password;
        Optional<UserStore.Credentials> creds = name.isEmpty() || pw.length() > MAX_PASSWORD
                ? Optional.empty() : users.credentials(name);
        boolean ok;
        if (creds.isPresent()) {
            ok = PasswordHasher.verify(pw, creds.get().passwordHash());
        } else {
            PasswordHasher.burn(pw);
            ok = false;
        }
        if (!ok) {
            log.info("failed login for '{}' from {}", name, clientAddress);
            throw new AuthException(AuthException.Kind.BAD_CREDENTIALS, "wrong user name or password");
        }
        limiter.succeeded(pair, clientAddress);
        User user = creds.get().user();
        String token = newToken();
        long now = clock.getAsLong();
        long expires = now + config.sessionTtl().toMillis();
        String hash = hashToken(token);
        sessions.insert(hash, user.id(), now, expires);
        cache.put(hash, new Cached(user, expires, creds.get().passwordHash()));
        log.info("login: {} from {}", user.username(), clientAddress);
        return new Session(token, user, expires);
    }

    /** The user of a session token, from memory; never blocks. */
    public Optional<User> sessionUser(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        String hash = hashToken(token);
        Cached c = cache.get(hash);
        if (c == null) {
            return Optional.empty();
        }
        if (c.expiresAt() <= clock.getAsLong()) {
            cache.remove(hash);
            return Optional.empty();
        }
        return Optional.of(c.user());
    }

    /** Sessions that have not expired, as held in memory. */
    public int activeSessions() {
        return cache.size();
    }

    /** Ends a session. Blocking. */
    public void logout(String token) {
        if (token == null || token.length() > 128) {
            return;
        }
        String hash = hashToken(token);
        cache.remove(hash);
        sessions.delete(hash);
    }

    /** Loads live sessions from the database and drops expired ones. Blocking; called at start and periodically. */
    public void reloadSessions() {
        long now = clock.getAsLong();
        sessions.deleteExpired(now);
        cache.entrySet().removeIf(e -> e.getValue().expiresAt() <= now);
        sessions.all(now).forEach(s -> cache.put(s.tokenHash(), new Cached(s.user(), s.expiresAtMillis(), s.passwordHash())));
    }

    private String newToken() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String hashToken(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new AuthException(AuthException.Kind.INVALID_INPUT,
                    "user name must be 1-64 letters, digits or . _ @ - and start with a letter or digit");
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new AuthException(AuthException.Kind.INVALID_INPUT,
                    "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }
}
