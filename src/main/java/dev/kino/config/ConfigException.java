package dev.kino.config;

/** A configuration value that cannot be used; the message names the offending key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
