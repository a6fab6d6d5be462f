package dev.sessionkit.sample;

import dev.sessionkit.sample.pages.Pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@link SampleApp} runs, from command-line flags ({@code --port=8080}) or, for each flag not given,
 * the environment variable next to it in {@link #USAGE}.
 *
 * @param port         the TCP port on 127.0.0.1; 0 picks a free one
 * @param store        {@code memory}, {@code redis}, {@code cookie} or {@code jdbc}
 * @param redisUri     the Redis server, for {@code store=redis}
 * @param jdbcUrl      the database, for {@code store=jdbc}; by default an H2 file under the temporary directory
 * @param jdbcUser     the database user, for {@code store=jdbc}, or null
 * @param keyset       a cleartext Tink AEAD keyset file for {@code store=cookie}, or null for a throw-away one
 * @param secureCookie whether the session cookie is marked Secure
 * @param admin        the demo user who may open {@code /admin}
 * @param secret       the signing secret, or null for a throw-away one
 * @param help         whether {@code --help} was given
 */
public record SampleOptions(int port, String store, String redisUri, String jdbcUrl, String jdbcUser, Path keyset,
                            boolean secureCookie,
                            String admin, String secret, boolean help) {

    /** The environment variable holding the signing secret. */
    public static final String SECRET_ENV = "SESSIONKIT_SECRET";

    /** The environment variable the JDBC store reads the database password from ({@code jdbc.password.env}). */
    public static final String JDBC_PASSWORD_ENV = "SESSIONKIT_JDBC_PASSWORD";

    /**
     * What {@code --help} prints: {@code usage.txt} beside this class, which {@code ./run-sample --help} prints
     * without building anything.
     */
    public static final String USAGE = usage();

    private static final Map<String, String> ENV = Map.of(
            "port", "SESSIONKIT_PORT",
            "store", "SESSIONKIT_STORE",
            "redis-uri", "SESSIONKIT_REDIS_URI",
            "jdbc-url", "SESSIONKIT_JDBC_URL",
            "jdbc-user", "SESSIONKIT_JDBC_USER",
            "keyset", "SESSIONKIT_KEYSET",
            "secure-cookie", "SESSIONKIT_SECURE_COOKIE",
            "admin", "SESSIONKIT_ADMIN");

    /**
     * @param args the command line
     * @param env  how to read an environment variable
     * @return the options
     * @throws IllegalArgumentException for an unknown flag or a bad value; the message says which
     */
    public static SampleOptions parse(String[] args, Function<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        boolean help = false;
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name == null || !ENV.containsKey(name)) {
                throw new IllegalArgumentException("Unknown flag '" + arg + "': flags are written --name=value");
            }
            flags.put(name, arg.substring(equals + 1).trim());
        }
        Function<String, String> value = name -> {
            String v = flags.containsKey(name) ? flags.get(name) : env.apply(ENV.get(name));
            return v == null || v.isBlank() ? null : v.trim();
        };
        int port = port(orDefault(value.apply("port"), "8080"));
        String store = orDefault(value.apply("store"), "memory").toLowerCase(Locale.ROOT);
        if (!java.util.Set.of("memory", "redis", "cookie", "jdbc").contains(store)) {
            throw new IllegalArgumentException("--store must be memory, redis, cookie or jdbc, was '" + store + "'");
        }
        String redisUri = orDefault(value.apply("redis-uri"), "redis://127.0.0.1:6379");
        String jdbcUrl = orDefault(value.apply("jdbc-url"), "jdbc:h2:file:"
                + Path.of(System.getProperty("java.io.tmpdir"), "sessionkit-sample", "sessions").toAbsolutePath());
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("--jdbc-url must be a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/app,"
                    + " was '" + jdbcUrl + "'");
        }
        String keyset = value.apply("keyset");
        boolean secure = bool("--secure-cookie", orDefault(value.apply("secure-cookie"), "false"));
        String admin = orDefault(value.apply("admin"), "alice");
        if (!Pages.DEMO_USERS.contains(admin)) {
            // A typo would otherwise lock everyone out of /admin without a word.
            throw new IllegalArgumentException("--admin must be one of the demo users " + Pages.DEMO_USERS
                    + ", was '" + admin + "'");
        }
        String secret = env.apply(SECRET_ENV);
        return new SampleOptions(port, store, redisUri, jdbcUrl, value.apply("jdbc-user"), keyset == null ? null : Path.of(keyset), secure, admin,
                secret == null || secret.isBlank() ? null : secret, help);
    }

    private static String usage() {
        try (InputStream text = SampleOptions.class.getResourceAsStream("usage.txt")) {
            if (text == null) {
                throw new IllegalStateException("usage.txt is missing beside " + SampleOptions.class.getName());
            }
            return new String(text.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static int port(String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, was '" + value + "'");
        }
        return port;
    }

    private static boolean bool(String flag, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(flag + " must be true or false, was '" + value + "'");
        };
    }
}
