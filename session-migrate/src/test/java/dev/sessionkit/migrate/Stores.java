package dev.sessionkit.migrate;

import dev.sessionkit.testing.jdbc.PostgresDatabase;
import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.jdbc.JdbcSessionStore;
import dev.sessionkit.store.redis.RedisSessionStore;
import dev.sessionkit.testing.redis.RedisServer;
import redis.clients.jedis.HostAndPort;

import java.util.List;
import java.util.Set;

/** Clients of the stores the migration tests move sessions between. */
final class Stores {

    private Stores() {
    }

    static SessionStore redis(String uri) {
        return RedisSessionStore.builder().uri(uri).build();
    }

    static SessionStore cluster(List<RedisServer> nodes) {
        RedisServer seed = nodes.get(0);
        return RedisSessionStore.builder().cluster(Set.of(new HostAndPort(seed.host(), seed.port()))).build();
    }

    static SessionStore jdbc(PostgresDatabase database, String tablePrefix) {
        return JdbcSessionStore.builder().dataSource(database.dataSource()).tablePrefix(tablePrefix).createSchema(true).build();
    }

    /** Another "client" of one in-memory store: starting and closing it leave the store to the others. */
    static SessionStore shared(SessionStore store) {
        return new ForwardingSessionStore(store) {
            @Override
            public void start(StoreContext context) {
            }

            @Override
            public void close() {
            }
        };
    }
}
