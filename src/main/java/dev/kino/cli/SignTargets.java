package dev.kino.cli;

import dev.kino.auth.SignablePath;
import dev.kino.config.LiveConfig;
import dev.kino.config.ServerConfig;
import dev.kino.config.LibraryConfig;
import dev.kino.library.MediaLibrary;
import dev.kino.store.Database;
import dev.kino.store.SettingsStore;
import dev.kino.store.StreamStore;
import dev.kino.store.TorrentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code kino sign} signs only what the server can serve: a file in the media folder the server last started with
 * (as it recorded in its database), a torrent it holds, a stream declared in its database or config.
 */
final class SignTargets {
    private SignTargets() {}

    static void check(Database db, ServerConfig config, SignablePath target) {
        boolean known = switch (target.kind()) {
            case MEDIA -> media(db, config, target.key());
            case TORRENT -> new TorrentStore(db).find(target.key()).isPresent();
            case LIVE -> new StreamStore(db).find(target.key()).isPresent()
                    || config.live().declaredStreams().stream().map(LiveConfig.DeclaredStream::name).anyMatch(target.key()::equals)
                    || config.live().tcpIngests().stream().map(LiveConfig.TcpIngest::stream).anyMatch(target.key()::equals);
        };
        if (!known) {
            throw new CliException("the server has no " + switch (target.kind()) {
                case MEDIA -> "file with id " + target.key() + " in its media folder";
                case TORRENT -> "torrent " + target.key();
                case LIVE -> "stream called " + target.key();
            } + "; nothing was signed");
        }
    }

    private static boolean media(Database db, ServerConfig config, String id) {
        Path root = new SettingsStore(db).get(SettingsStore.MEDIA_ROOT).map(Path::of).orElse(config.library().root());
        if (!Files.isDirectory(root)) {
            throw new CliException("the media folder " + root + " is not there; nothing was signed");
        }
        try (MediaLibrary library = new MediaLibrary(new LibraryConfig(root, Duration.ofHours(1)))) {
            library.refresh();
            return library.find(id).isPresent();
        }
    }
}
