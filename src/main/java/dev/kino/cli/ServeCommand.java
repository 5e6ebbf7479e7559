package dev.kino.cli;

import dev.kino.app.App;
import dev.kino.config.ServerConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kino serve}: runs the server in the foreground until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server in the foreground.")
final class ServeCommand implements Runnable {
    @Mixin
    ConfigOptions common;

    @Option(names = "--media", paramLabel = "DIR", description = "media folder, scanned recursively (default ./media; env: KINO_MEDIA)")
    String media;

    @Option(names = "--host", description = "address to listen on (default 0.0.0.0; env: KINO_HOST)")
    String host;

    @Option(names = "--port", description = "port to listen on (default 8080; env: KINO_PORT)")
    String port;

    @Option(names = "--base-url", paramLabel = "URL", description = "public URL used in signed links (env: KINO_BASE_URL)")
    String baseUrl;

    @Override
    public void run() {
        Map<String, String> flags = new HashMap<>();
        flags.put("media", media);
        flags.put("host", host);
        flags.put("port", port);
        flags.put("base-url", baseUrl);
        ServerConfig config = common.load(flags);
        App app = App.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
