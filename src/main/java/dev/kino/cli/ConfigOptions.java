package dev.kino.cli;

import dev.kino.config.ConfigLoader;
import dev.kino.config.ServerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares: where the config file and the data dir are. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (env: KINO_CONFIG)")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "data dir: database, secret key, caches (default ./kino-data; env: KINO_DATA)")
    String data;

    ServerConfig load(Map<String, String> moreFlags) {
        Map<String, String> flags = new HashMap<>(moreFlags);
        flags.put("data", data);
        return ConfigLoader.load(config, System.getenv(), flags);
    }
}
