package dev.sessionkit.bench.load;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.config.SessionLock;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.cookie.CookieAead;
import dev.sessionkit.store.cookie.CookieKeys;
import dev.sessionkit.store.cookie.CookieSessionStore;
import dev.sessionkit.store.jdbc.JdbcSessionStore;
import dev.sessionkit.store.redis.RedisSessionStore;
import dev.sessionkit.store.redis.RedisSessionStoreBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisIndexedHttpSession;
import org.springframework.session.web.http.SessionRepositoryFilter;

import redis.clients.jedis.HostAndPort;

import javax.sql.DataSource;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One contender on embedded Jetty 12 (ee10), in a JVM of its own:
 * {@code BenchServer <contender> [redis-uri | host:port,host:port,... (a Redis Cluster's nodes) | jdbc-url]}.
 * Listens on a free port of 127.0.0.1 and prints {@code READY <port>} once it serves; stops on SIGTERM.
 */
public final class BenchServer {

    private static final String SECRET = "benchmark-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final Duration IDLE = Duration.ofMinutes(30);
    /** Connections to PostgreSQL, the same for both JDBC contenders. */
    private static final int JDBC_POOL = 16;

    private static String jdbcUrl;
    /** The Cluster contenders' seed nodes. */
    private static Set<HostAndPort> clusterNodes;

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        Contender contender = Contender.parse(args[0]);
        boolean cluster = contender.clusterMasters() > 0;
        if (contender.usesRedis() && args.length < 2) {
            throw new IllegalArgumentException(contender.id() + " needs the Redis " + (cluster ? "Cluster's nodes (host:port,...)" : "URI")
                    + " as second argument");
        }
        URI redis = args.length > 1 && !contender.usesJdbc() && !cluster ? URI.create(args[1]) : null;
        if (cluster) {
            clusterNodes = Arrays.stream(args[1].split(",")).map(HostAndPort::from).collect(Collectors.toSet());
        }
        if (contender.usesJdbc()) {
            if (args.length < 2) {
                throw new IllegalArgumentException(contender.id() + " needs the JDBC URL as second argument");
            }
            jdbcUrl = args[1];
        }

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        // wrk sends each request with one of 64 cookies at random over shared connections (as a reverse proxy
        // does). Jetty's per-connection header field cache then thrashes: every new Cookie value fills its trie,
        // which is cleared with Arrays.fill, half of all server CPU in a profile. Off by default here, for every
        // contender alike; -Dbench.headerCacheSize=1024 restores Jetty's default.
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                .setHeaderCacheSize(Integer.getInteger("bench.headerCacheSize", 0));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(
                contender == Contender.JETTY_MEMORY ? ServletContextHandler.SESSIONS : ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        if (contender == Contender.JETTY_MEMORY) {
            context.getSessionHandler().setMaxInactiveInterval((int) IDLE.toSeconds());
        }
        Filter filter = filter(contender, redis);
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new BenchServlet(true, contender.hasSessions())), "/login");
        context.addServlet(new ServletHolder(new BenchServlet(false, contender.hasSessions())), "/bench");
        context.addServlet(new ServletHolder(new BenchServlet(false, contender.hasSessions())), "/anon");
        context.addServlet(new ServletHolder(new BenchServlet(false, contender.hasSessions())), "/count");
        server.setHandler(context);
        server.start();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                Logger.getLogger(BenchServer.class.getName()).log(Level.WARNING, "Jetty did not stop cleanly", e);
            }
        }, "bench-server-stop"));
        System.out.println("READY " + connector.getLocalPort());
        System.out.flush();
        server.join();
    }

    private static Filter filter(Contender contender, URI redis) {
        return switch (contender) {
            case NONE, JETTY_MEMORY -> null;
            case SESSIONKIT_MEMORY -> sessionkit(InMemorySessionStore.builder().build());
            case SESSIONKIT_REDIS -> sessionkit(redisStore(redis).build());
            case SESSIONKIT_REDIS_NEAR_CACHE -> sessionkit(redisStore(redis).nearCache(10_000)
                    .configureKeyspaceNotifications(true).build());
            case SESSIONKIT_REDIS_LOCK -> new SessionFilter(settings(redisStore(redis).build()).lock(SessionLock.DEFAULTS).build());
            case SESSIONKIT_REDIS_CLUSTER_1, SESSIONKIT_REDIS_CLUSTER_3 ->
                    sessionkit(withPoolSize(RedisSessionStore.builder().cluster(clusterNodes)).build());
            case SESSIONKIT_COOKIE -> sessionkit(CookieSessionStore.builder()
                    .keyset(CookieKeys.generate(CookieAead.AES256_GCM)).build());
            case SPRING_REDIS -> springPlain(redis);
            case SPRING_REDIS_INDEXED -> springIndexed(redis);
            case SESSIONKIT_JDBC -> sessionkit(JdbcSessionStore.builder().url(jdbcUrl, "postgres", null)
                    .poolSize(JDBC_POOL).createSchema(true).build());
            case SPRING_JDBC -> springJdbc();
        };
    }

    private static RedisSessionStoreBuilder redisStore(URI redis) {
        return withPoolSize(RedisSessionStore.builder().uri(redis.toString()));
    }

    /**
     * The library's defaults, unless {@code -Dbench.redisPoolSize} asks for another pool size (for experiments,
     * through {@code JAVA_TOOL_OPTIONS}).
     */
    private static RedisSessionStoreBuilder withPoolSize(RedisSessionStoreBuilder builder) {
        Integer poolSize = Integer.getInteger("bench.redisPoolSize");
        if (poolSize != null) {
            builder.poolSize(poolSize);
        }
        return builder;
    }

    private static Filter sessionkit(SessionStore store) {
        return new SessionFilter(settings(store).build());
    }

    private static SessionConfigBuilder settings(SessionStore store) {
        return SessionConfig.builder().secret(SECRET).secure(false).idleTimeout(IDLE).store(store);
    }

    /** Wired by hand as Spring Session's RedisHttpSessionConfiguration does, without a container. */
    private static Filter springPlain(URI redis) {
        LettuceConnectionFactory connections = connectionFactory(redis);
        connections.afterPropertiesSet();
        connections.start();
        RedisTemplate<String, Object> template = new RedisTemplate<>();
        template.setKeySerializer(RedisSerializer.string());
        template.setHashKeySerializer(RedisSerializer.string());
        template.setConnectionFactory(connections);
        template.setBeanClassLoader(BenchServer.class.getClassLoader());
        template.afterPropertiesSet();
        RedisSessionRepository repository = new RedisSessionRepository(template);
        repository.setDefaultMaxInactiveInterval(IDLE);
        return new SessionRepositoryFilter<>(repository);
    }

    /**
     * The indexed repository needs its message listener container (expiry and delete events), keyspace
     * notifications and the per-minute cleanup task: all of that comes with {@code @EnableRedisIndexedHttpSession},
     * so a minimal Spring context builds it exactly as applications get it.
     */
    private static Filter springIndexed(URI redis) {
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
        spring.register(IndexedSessionConfig.class);
        spring.registerBean("redisConnectionFactory", LettuceConnectionFactory.class, () -> connectionFactory(redis));
        spring.refresh();
        spring.registerShutdownHook();
        return spring.getBean("springSessionRepositoryFilter", SessionRepositoryFilter.class);
    }

    /**
     * {@code @EnableJdbcHttpSession} in a minimal Spring context with a HikariCP pool of the same size as
     * sessionkit's and a DataSourceTransactionManager, as a Spring Boot application gets it; Spring's own
     * PostgreSQL DDL is applied first.
     */
    private static Filter springJdbc() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("postgres");
        config.setMaximumPoolSize(JDBC_POOL);
        HikariDataSource dataSource = new HikariDataSource(config);
        ResourceDatabasePopulator schema = new ResourceDatabasePopulator(
                new ClassPathResource("org/springframework/session/jdbc/schema-postgresql.sql"));
        schema.setContinueOnError(true); // a second server on the same database finds the tables there
        schema.execute(dataSource);
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
        spring.registerBean("dataSource", DataSource.class, () -> dataSource);
        spring.registerBean("transactionManager", PlatformTransactionManager.class,
                () -> new DataSourceTransactionManager(dataSource));
        spring.register(JdbcSessionConfig.class);
        spring.refresh();
        spring.registerShutdownHook();
        return spring.getBean("springSessionRepositoryFilter", SessionRepositoryFilter.class);
    }

    /** Spring Session JDBC's configuration, 30-minute sessions (its default). */
    @Configuration(proxyBeanMethods = false)
    @EnableJdbcHttpSession(maxInactiveIntervalInSeconds = 1800)
    static class JdbcSessionConfig {
    }

    private static LettuceConnectionFactory connectionFactory(URI redis) {
        return new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.getHost(), redis.getPort()));
    }

    /** Spring Session's indexed Redis configuration, 30-minute sessions (its default). */
    @Configuration(proxyBeanMethods = false)
    @EnableRedisIndexedHttpSession(maxInactiveIntervalInSeconds = 1800)
    static class IndexedSessionConfig {
    }
}
