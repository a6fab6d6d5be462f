package dev.sessionkit.store.redis;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.SafeEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The servers behind a client, for what must run on each server rather than on a key: SCAN, keyspace
 * notifications, CONFIG. Standalone and Sentinel clients have one (the current master); a Cluster client
 * has one per node. Thread-safe.
 */
final class Nodes {


    /** Commands that run on one server. */
    interface Node {
        String name();

        /** @return whether this server owns keys now (a Cluster replica does not) */
        boolean isMaster();

        ScanResult<String> scan(String cursor, ScanParams params);

        /** Blocks until the subscription ends (punsubscribe) or the connection fails. */
        void psubscribe(JedisPubSub pubSub, String... patterns);

        String config(String... args);

        /** @return PONG; throws when the server does not answer within the client's timeout */
        String ping();

        /** @return the text of INFO for one section */
        String info(String section);
    }

    private final UnifiedJedis client;
    private final Supplier<Map<String, ConnectionPool>> clusterNodes;

    private Nodes(UnifiedJedis client, Supplier<Map<String, ConnectionPool>> clusterNodes) {
        this.client = client;
        this.clusterNodes = clusterNodes;
    }

    @SuppressWarnings("deprecation") // JedisCluster is deprecated but still what many applications hand us
    static Nodes of(UnifiedJedis client) {
        if (client instanceof RedisClusterClient cluster) {
            return new Nodes(client, cluster::getClusterNodes);
        }
        if (client instanceof JedisCluster cluster) {
            return new Nodes(client, cluster::getClusterNodes);
        }
        return new Nodes(client, null);
    }

    /** @return whether the servers can change while the store runs: a Cluster gains and loses nodes */
    boolean isCluster() {
        return clusterNodes != null;
    }

    /** Every server the client knows; on Cluster replicas too, so a promoted replica is already covered. */
    List<Node> all() {
        if (clusterNodes == null) {
            return List.of(new Single(client));
        }
        return new ArrayList<>(new TreeMap<>(clusterNodes.get()).keySet().stream().map(ClusterNode::new).toList());
    }

    /** The servers that own keys, in a stable order (by host:port), so a listing cursor can name one. */
    List<Node> masters() {
        if (clusterNodes == null) {
            return List.of(new Single(client));
        }
        List<Node> masters = new ArrayList<>();
        for (Node node : all()) {
            if (node.isMaster()) {
                masters.add(node);
            }
        }
        return masters;
    }

    /** Names the servers for error messages and logs; never credentials. */
    String describe() {
        if (clusterNodes == null) {
            return "Redis (" + client.getClass().getSimpleName() + ")";
        }
        return "Redis Cluster " + new TreeMap<>(clusterNodes.get()).keySet();
    }

    private record Single(UnifiedJedis client) implements Node {
        @Override
        public String name() {
            return "master";
        }

        @Override
        public boolean isMaster() {
            return true;
        }

        @Override
        public ScanResult<String> scan(String cursor, ScanParams params) {
            return client.scan(cursor, params);
        }

        @Override
        public void psubscribe(JedisPubSub pubSub, String... patterns) {
            client.psubscribe(pubSub, patterns);
        }

        @Override
        public String config(String... args) {
            return reply(client.executeCommand(configCommand(args)));
        }

        @Override
        public String ping() {
            return client.ping();
        }

        @Override
        public String info(String section) {
            return client.info(section);
        }
    }

    private final class ClusterNode implements Node {
        private final String name;

        ClusterNode(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isMaster() {
            List<?> role = (List<?>) withConnection(c -> c.executeCommand(new CommandArguments(Protocol.Command.ROLE)));
            return "master".equals(text(role.get(0)));
        }

        @Override
        public ScanResult<String> scan(String cursor, ScanParams params) {
            List<?> reply = (List<?>) withConnection(c -> c.executeCommand(
                    new CommandArguments(Protocol.Command.SCAN).add(cursor).addParams(params)));
            List<String> keys = ((List<?>) reply.get(1)).stream().map(Nodes::text).toList();
            return new ScanResult<>(text(reply.get(0)), keys);
        }

        @Override
        public void psubscribe(JedisPubSub pubSub, String... patterns) {
            try (Connection connection = pool().getResource()) {
                pubSub.proceedWithPatterns(connection, patterns);
            }
        }

        @Override
        public String config(String... args) {
            return withConnection(c -> reply(c.executeCommand(configCommand(args))));
        }

        @Override
        public String ping() {
            return withConnection(c -> text(c.executeCommand(new CommandArguments(Protocol.Command.PING))));
        }

        @Override
        public String info(String section) {
            return withConnection(c -> text(c.executeCommand(new CommandArguments(Protocol.Command.INFO).add(section))));
        }

        private <T> T withConnection(Function<Connection, T> command) {
            // Closing a pooled connection returns it to the node's pool.
            try (Connection connection = pool().getResource()) {
                return command.apply(connection);
            }
        }

        private ConnectionPool pool() {
            // Looked up on each use: the client replaces pools when the topology changes.
            ConnectionPool pool = clusterNodes.get().get(name);
            if (pool == null) {
                throw new JedisConnectionException("Cluster node " + name + " left the cluster");
            }
            return pool;
        }
    }

    private static CommandArguments configCommand(String... args) {
        return new CommandArguments(Protocol.Command.CONFIG).addObjects((Object[]) args);
    }

    /** CONFIG GET answers [name, value]; CONFIG SET answers OK. */
    private static String reply(Object reply) {
        if (reply instanceof List<?> list) {
            return list.size() < 2 ? "" : text(list.get(1));
        }
        return text(reply);
    }

    private static String text(Object reply) {
        return reply instanceof byte[] bytes ? SafeEncoder.encode(bytes) : String.valueOf(reply);
    }
}
