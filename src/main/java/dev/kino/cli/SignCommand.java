package dev.kino.cli;

import dev.kino.auth.LinkSigner;
import dev.kino.auth.SecretKeyFile;
import dev.kino.auth.SignablePath;
import dev.kino.store.Database;
import dev.kino.config.DurationValue;
import dev.kino.config.ServerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kino sign /media/ID --ttl 2h}: prints a signed, expiring URL that plays without a login. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Print a signed link that works without a login until it expires.")
final class SignCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions common;

    @Parameters(index = "0", paramLabel = "PATH", description = "the path to sign, e.g. /media/0123abcd…")
    String path;

    @Option(names = "--ttl", defaultValue = "2h", description = "lifetime: 90s, 15m, 2h, 7d (default 2h)")
    String ttl;

    @Option(names = "--base-url", paramLabel = "URL", description = "URL prefix (default from config, else http://HOST:PORT)")
    String baseUrl;

    @Override
    public void run() {
        if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
            throw new CliException("PATH must be an absolute path such as /media/ID, without a query");
        }
        Map<String, String> flags = new HashMap<>();
        flags.put("base-url", baseUrl);
        ServerConfig config = common.load(flags);
        Duration life;
        try {
            life = DurationValue.parse(ttl);
        } catch (IllegalArgumentException e) {
            throw new CliException("--ttl: " + e.getMessage());
        }
        if (life.isZero() || life.isNegative() || life.compareTo(config.auth().maxLinkTtl()) > 0) {
            throw new CliException("--ttl must be between 1s and auth.max-link-ttl (" + config.auth().maxLinkTtl().toDays() + "d)");
        }
        byte[] key = SecretKeyFile.load(config.dataDir()).filter(k -> Database.exists(config.dataDir())).orElseThrow(() -> new CliException(
                "no Kino server data in " + config.dataDir().toAbsolutePath() + " (no kino.db and secret.key): point --data or"
                        + " KINO_DATA at the data dir of the server the link is for; a link signed with another key gets 403"));
        SignablePath target = SignablePath.parse(path)
                .orElseThrow(() -> new CliException("PATH must be " + SignablePath.FORMS));
        SignTargets.check(Database.open(config.dataDir()), config, target);
        LinkSigner signer = new LinkSigner(key);
        long expires = System.currentTimeMillis() / 1000 + life.toSeconds();
        spec.commandLine().getOut().println(config.http().publicUrl(config.http().port()) + path + "?" + signer.query(path, expires));
    }
}
