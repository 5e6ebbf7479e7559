package dev.kino.store;

/** An account. The password hash never leaves the store package except for verification. */
public record User(long id, String username, boolean admin) {}
