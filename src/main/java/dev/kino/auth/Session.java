package dev.kino.auth;

import dev.kino.store.User;

/** A login: the token goes to the client as a cookie, only its hash is stored. */
public record Session(String token, User user, long expiresAtMillis) {}
