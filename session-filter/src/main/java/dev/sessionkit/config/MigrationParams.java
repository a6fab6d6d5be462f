package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionStoreProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The init-params of a migration window: {@code migrate.from} names the old store, and the old store's own
 * init-params follow under the prefix {@code migrate.from.} ({@code migrate.from.redis.uri}), so any store
 * can be the old one, even another store of the same kind.
 */
final class MigrationParams {

    static final String FROM = "migrate.from";
    static final String PREFIX = FROM + ".";

    private MigrationParams() {
    }

    /** @return the init-params without the old store's ({@code migrate.from.*}) */
    static Map<String, String> own(Map<String, String> raw) {
        Map<String, String> own = new LinkedHashMap<>(raw);
        own.keySet().removeIf(name -> name.startsWith(PREFIX));
        return own;
    }

    /**
     * @return the old store's provider, or null when no migration is configured
     * @throws SessionException when a {@code migrate.from.*} name is unknown to the old store, or is set
     *         without {@code migrate.from}
     */
    static SessionStoreProvider oldProvider(Map<String, String> raw, StoreProviders providers) {
        String from = raw.get(FROM);
        List<String> prefixed = raw.keySet().stream().filter(name -> name.startsWith(PREFIX)).sorted().toList();
        if (from == null || from.isBlank()) {
            if (!prefixed.isEmpty()) {
                throw new SessionException("Init-params " + prefixed + " configure the old store of a migration, but "
                        + FROM + " is not set: set " + FROM + " to the old store's name (memory, redis, jdbc, cookie,"
                        + " spring-session-redis, spring-session-jdbc) or remove them");
            }
            return null;
        }
        SessionStoreProvider old = providers.named(from.trim());
        Set<String> known = new TreeSet<>();
        old.parameters().forEach(name -> known.add(PREFIX + name));
        List<String> problems = new ArrayList<>();
        for (String name : prefixed) {
            if (!known.contains(name)) {
                String nearest = KnownParams.nearest(name, known);
                problems.add("Unknown init-param '" + name + "': " + (nearest != null ? "did you mean " + nearest + "?"
                        : "with " + FROM + "=" + old.name() + " the old store's init-params are " + known));
            }
        }
        if (!problems.isEmpty()) {
            throw new SessionException(String.join("; ", problems));
        }
        return old;
    }

    /**
     * @return what the old store's provider reads: the filter's own init-params (such as {@code cookie.name}),
     *         overridden by the {@code migrate.from.*} ones without their prefix
     */
    static Map<String, String> oldParams(Map<String, String> raw) {
        Map<String, String> params = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            if (KnownParams.CORE.contains(name)) {
                params.put(name, value);
            }
        });
        raw.forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                params.put(name.substring(PREFIX.length()), value);
            }
        });
        return params;
    }
}
