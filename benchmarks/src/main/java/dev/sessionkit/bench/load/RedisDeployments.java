package dev.sessionkit.bench.load;

import dev.sessionkit.testing.redis.RedisCluster;
import dev.sessionkit.testing.redis.RedisServer;
import redis.clients.jedis.HostAndPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Redis servers of one load run, each on free loopback ports: the standalone redis-server every run
 * starts, and one Redis Cluster for each master count the chosen contenders ask for, each with its
 * {@link RedisProbe}. Closing stops them all.
 */
final class RedisDeployments implements AutoCloseable {

    /** One deployment: what the server JVM is given to connect, its probe, and how to stop it. */
    private record Deployment(String address, String description, RedisProbe probe, Runnable stop) {
    }

    private final RedisServer standalone;
    /** By master count; 0 is the standalone server. */
    private final Map<Integer, Deployment> byMasters = new TreeMap<>();

    private RedisDeployments(RedisServer standalone) {
        this.standalone = standalone;
        byMasters.put(0, new Deployment(standalone.uri(), "redis-server on " + standalone.uri(),
                new RedisProbe(List.of(hostAndPort(standalone))), standalone::stop));
    }

    /**
     * @param contenders the run's contenders; a cluster starts for each master count among them
     * @return the started deployments
     */
    static RedisDeployments start(List<Contender> contenders) {
        RedisDeployments deployments = new RedisDeployments(RedisServer.start());
        try {
            for (Contender contender : contenders) {
                int masters = contender.clusterMasters();
                if (masters > 0 && !deployments.byMasters.containsKey(masters)) {
                    deployments.startCluster(masters);
                }
            }
            return deployments;
        } catch (RuntimeException e) {
            deployments.close();
            throw e;
        }
    }

    private void startCluster(int masters) {
        RedisCluster cluster = RedisCluster.start(masters);
        List<HostAndPort> nodes = cluster.nodes().stream().map(RedisDeployments::hostAndPort).toList();
        String address = nodes.stream().map(HostAndPort::toString).collect(Collectors.joining(","));
        byMasters.put(masters, new Deployment(address,
                "Redis Cluster of " + masters + (masters == 1 ? " master" : " masters") + " on " + address,
                new RedisProbe(nodes), cluster::stop));
    }

    /** @return what the contender's server JVM connects to: a Redis URI, or the cluster's nodes as host:port,... */
    String address(Contender contender) {
        return deployment(contender).address();
    }

    /** @return the probe of the Redis the contender uses (the standalone server's for those that use none) */
    RedisProbe probe(Contender contender) {
        return deployment(contender).probe();
    }

    /** @return {@code INFO server} of the standalone redis-server (every deployment runs the same binary) */
    String serverInfo() {
        return standalone.cli("INFO", "server");
    }

    /** @return every deployment, for the log */
    String describe() {
        return byMasters.values().stream().map(Deployment::description).collect(Collectors.joining("; "));
    }

    private Deployment deployment(Contender contender) {
        Deployment deployment = byMasters.get(contender.clusterMasters());
        if (deployment == null) {
            throw new IllegalStateException("no Redis Cluster of " + contender.clusterMasters() + " masters was started for "
                    + contender.id());
        }
        return deployment;
    }

    private static HostAndPort hostAndPort(RedisServer server) {
        return new HostAndPort(server.host(), server.port());
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Deployment deployment : byMasters.values()) {
            try {
                try {
                    deployment.probe().close();
                } finally {
                    deployment.stop().run();
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        byMasters.clear();
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Redis did not stop cleanly");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
