package dev.sessionkit.bench.micro;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.store.InMemoryRevocationList;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.cookie.CookieAead;
import dev.sessionkit.store.cookie.CookieKeys;
import dev.sessionkit.store.cookie.CookieSessionStore;
import dev.sessionkit.store.cookie.CookieSessionStoreBuilder;
import dev.sessionkit.store.jdbc.JdbcRevocationList;
import dev.sessionkit.store.redis.RedisRevocationList;
import dev.sessionkit.testing.redis.RedisServer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.RedisClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * What revocable cookie sessions cost one request of {@link FilterBenchmark} (64 sessions of four attributes,
 * fake servlet objects), on the cookie store: {@code off} (no revocation), {@code memory} (the in-memory list),
 * {@code cached} (memory behind a 1 s lookup cache), {@code redis} (a local redis-server this benchmark
 * starts) and {@code jdbc} (a database of its own on the machine's PostgreSQL, 127.0.0.1:5432, user postgres).
 * Every request opens a cookie and looks its lineage up once; a {@code write} also re-seals it. The sessions
 * are anonymous, so Redis answers a {@code GET} (a logged-in one costs an {@code MGET} of two keys).
 */
public class RevocationBenchmark extends FilterBenchmark {

    @Param({"off", "memory", "cached", "redis", "jdbc"})
    public String revocation;

    private RedisServer redis;
    private RedisClient redisClient;
    private HikariDataSource pool;
    private String database;

    @Override
    protected SessionConfigBuilder configure(SessionConfigBuilder config) {
        CookieSessionStoreBuilder store = CookieSessionStore.builder().keyset(CookieKeys.generate(CookieAead.AES256_GCM));
        switch (revocation) {
            case "off" -> { }
            case "memory" -> store.revocation(new InMemoryRevocationList(InMemoryRevocationList.DEFAULT_CAPACITY));
            case "cached" -> store.revocation(new InMemoryRevocationList(InMemoryRevocationList.DEFAULT_CAPACITY))
                    .revocationCache(Duration.ofSeconds(1));
            case "redis" -> store.revocation(redisList());
            case "jdbc" -> store.revocation(jdbcList());
            default -> throw new IllegalArgumentException(revocation);
        }
        return config.store(store.build()).absoluteTimeout(Duration.ofHours(8));
    }

    private RevocationList redisList() {
        redis = RedisServer.start();
        redisClient = RedisClient.create(redis.host(), redis.port());
        return RedisRevocationList.of(redisClient, "bench:");
    }

    private RevocationList jdbcList() {
        database = "sk_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + database);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + database);
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        return JdbcRevocationList.of(pool, "bench_", true);
    }

    @TearDown(Level.Trial)
    public void stopBackends() {
        if (redisClient != null) {
            redisClient.close();
            redis.close();
        }
        if (pool != null) {
            pool.close();
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The jdbc case needs PostgreSQL on 127.0.0.1:5432 (user postgres): " + e.getMessage(), e);
        }
    }
}
