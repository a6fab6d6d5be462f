package dev.sessionkit.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks loopback ports that are free at the moment of asking. Another process may still grab one before
 * Redis binds it, which is why {@link RedisServer} retries on "Address already in use".
 */
final class FreePorts {

    static final String LOOPBACK = "127.0.0.1";

    /** Redis Cluster listens for its node-to-node bus on the client port plus this offset. */
    static final int CLUSTER_BUS_OFFSET = 10000;

    private static final int MAX_PORT = 65535;
    private static final int ATTEMPTS = 50;

    private FreePorts() {
    }

    static int loopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** A free port whose cluster bus port ({@code port + 10000}) is free too. */
    static int withClusterBus() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = loopback();
            if (port + CLUSTER_BUS_OFFSET <= MAX_PORT && isFree(port + CLUSTER_BUS_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port with a free cluster bus port after " + ATTEMPTS + " attempts");
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            return probe.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
