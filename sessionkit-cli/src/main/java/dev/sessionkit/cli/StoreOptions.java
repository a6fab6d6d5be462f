package dev.sessionkit.cli;

import dev.sessionkit.SessionException;
import dev.sessionkit.config.SessionConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Which store a command works on: the filter's init-params, from a properties file ({@code --config}) and
 * {@code --param name=value} (which wins), read by {@link SessionConfig#fromInitParams} so a misspelled name
 * fails as it would in the filter.
 */
final class StoreOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with the filter's init-params (store=redis, redis.uri=..., ...).")
    Path config;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "One init-param, repeatable; wins over --config.")
    Map<String, String> params = new LinkedHashMap<>();

    /**
     * @return the store, started
     * @throws SessionkitCommand.UsageError when the init-params are wrong
     */
    OpenStore open() {
        return OpenStore.start(config());
    }

    /** @return the configuration; its store is not started */
    SessionConfig config() {
        Map<String, String> all = new LinkedHashMap<>(fromFile());
        all.putAll(params);
        if (!all.containsKey("store")) {
            throw new SessionkitCommand.UsageError("Name the store: --param store=redis (or jdbc, memory, cookie), or"
                    + " store=... in the --config file");
        }
        if (!all.containsKey("secret") && !all.containsKey("secret.env")) {
            // The tool never signs or reads a cookie: it works on the IDs the store keeps.
            all.put("secret", throwawaySecret());
        }
        try {
            return SessionConfig.fromInitParams(all, System::getenv);
        } catch (SessionException e) {
            throw new SessionkitCommand.UsageError(e.getMessage(), e);
        }
    }

    private Map<String, String> fromFile() {
        if (config == null) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new SessionkitCommand.UsageError("Cannot read --config " + config + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).strip()));
        return values;
    }

    private static String throwawaySecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
