package dev.kino.config;

import java.nio.file.Path;

/** Everything {@code kino serve} needs; each component receives only its own section. */
public record ServerConfig(Path dataDir, HttpConfig http, LibraryConfig library, AuthConfig auth, TranscodeConfig transcode,
                           LiveConfig live, TorrentConfig torrent, RecordingConfig recording) {}
