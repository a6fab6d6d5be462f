package dev.sessionkit.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The session setups the load run compares, each on the same Jetty 12 ee10 server and servlet. */
public enum Contender {

    /** No session support at all: the ceiling. */
    NONE("a", "no session", false, null),
    /** Jetty's own HttpSession, in memory ({@code ServletContextHandler.SESSIONS}). */
    JETTY_MEMORY("b", "Jetty in-memory HttpSession", false, "JSESSIONID"),
    /** sessionkit's filter with {@code InMemorySessionStore}. */
    SESSIONKIT_MEMORY("c", "sessionkit + in-memory store", false, "SESSION"),
    /** sessionkit's filter with {@code RedisSessionStore}. */
    SESSIONKIT_REDIS("d", "sessionkit + Redis store", true, "SESSION"),
    /** The same with the Redis store's near cache on (which turns on the keyspace events it needs). */
    SESSIONKIT_REDIS_NEAR_CACHE("d2", "sessionkit + Redis store, near cache", true, "SESSION"),
    /** The plain Redis store with per-session request ordering ({@code lock=true}): a lock taken and released per request. */
    SESSIONKIT_REDIS_LOCK("d3", "sessionkit + Redis store, lock=true", true, "SESSION"),
    /**
     * The plain Redis store on a Redis Cluster of one master: the Cluster client and protocol (topology,
     * routing by slot) without sharding, the base {@link #SESSIONKIT_REDIS_CLUSTER_3} is compared with.
     */
    SESSIONKIT_REDIS_CLUSTER_1("dc1", "sessionkit + Redis store, Cluster of 1 master", true, "SESSION"),
    /** The plain Redis store on a Redis Cluster of three masters, sessions spread over them by slot. */
    SESSIONKIT_REDIS_CLUSTER_3("dc3", "sessionkit + Redis store, Cluster of 3 masters", true, "SESSION"),
    /** sessionkit's filter with {@code CookieSessionStore}. */
    SESSIONKIT_COOKIE("e", "sessionkit + cookie store", false, "SESSION"),
    /** Spring Session's filter with the plain {@code RedisSessionRepository}. */
    SPRING_REDIS("f1", "Spring Session RedisSessionRepository", true, "SESSION"),
    /** Spring Session's filter with {@code RedisIndexedSessionRepository} in a minimal Spring context. */
    SPRING_REDIS_INDEXED("f2", "Spring Session RedisIndexedSessionRepository", true, "SESSION"),
    /** sessionkit's filter with {@code JdbcSessionStore} on PostgreSQL (the JDBC load run, {@link JdbcLoadRun}). */
    SESSIONKIT_JDBC("g", "sessionkit + JDBC store (PostgreSQL)", false, "SESSION"),
    /** Spring Session JDBC's {@code JdbcIndexedSessionRepository} as {@code @EnableJdbcHttpSession} wires it. */
    SPRING_JDBC("h", "Spring Session JdbcIndexedSessionRepository (PostgreSQL)", false, "SESSION");

    private final String key;
    private final String label;
    private final boolean redis;
    private final String cookieName;

    Contender(String key, String label, boolean redis, String cookieName) {
        this.key = key;
        this.label = label;
        this.redis = redis;
        this.cookieName = cookieName;
    }

    /** @return the short key the brief uses: a, b, c, d, e, f1, f2 (and d2, d3, dc1, dc3) */
    public String key() {
        return key;
    }

    /** @return what the table calls it */
    public String label() {
        return label;
    }

    /** @return whether it keeps sessions in Redis */
    public boolean usesRedis() {
        return redis;
    }

    /** @return whether it keeps sessions in a database: its server takes a JDBC URL instead of a Redis URI */
    public boolean usesJdbc() {
        return this == SESSIONKIT_JDBC || this == SPRING_JDBC;
    }

    /** @return the masters of the Redis Cluster it runs on; 0 for the one standalone redis-server (or none) */
    public int clusterMasters() {
        return switch (this) {
            case SESSIONKIT_REDIS_CLUSTER_1 -> 1;
            case SESSIONKIT_REDIS_CLUSTER_3 -> 3;
            default -> 0;
        };
    }

    /** @return whether requests carry a session the servlet must find */
    public boolean hasSessions() {
        return cookieName != null;
    }

    /** @return the session cookie's name, or null */
    public String cookieName() {
        return cookieName;
    }

    /** @return the name on the command line: the enum name in lower case with dashes */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param text an {@link #id()}, a {@link #key()} or an enum name
     * @return the contender
     */
    public static Contender parse(String text) {
        String wanted = text.trim();
        return Arrays.stream(values())
                .filter(c -> c.id().equalsIgnoreCase(wanted) || c.key.equalsIgnoreCase(wanted) || c.name().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown configuration '" + text + "'; one of "
                        + Arrays.stream(values()).map(Contender::id).toList()));
    }

    /**
     * @param csv comma-separated contenders, or "all" (the Redis load run's: every contender but the JDBC ones
     *            and the Cluster ones, which start four more redis-servers and two more server JVMs; ask for
     *            those by name)
     * @return them, in the order of this enum
     */
    public static List<Contender> parseList(String csv) {
        if (csv == null || csv.isBlank() || csv.equals("all")) {
            return Arrays.stream(values()).filter(c -> !c.usesJdbc() && c.clusterMasters() == 0).toList();
        }
        List<Contender> chosen = Arrays.stream(csv.split(",")).map(Contender::parse).toList();
        return Arrays.stream(values()).filter(chosen::contains).toList();
    }
}
