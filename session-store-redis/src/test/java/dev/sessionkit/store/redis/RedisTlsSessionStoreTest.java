package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreContract;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.testing.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The whole store contract over {@code rediss://} to a redis-server that speaks TLS, with a certificate
 * made here (openssl) by a CA the JVM's default trust store is pointed at (keytool), as an operator would.
 */
class RedisTlsSessionStoreTest extends SessionStoreContract {

    private static final String[] TRUST_PROPERTIES = {
            "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};
    private static final String[] saved = new String[TRUST_PROPERTIES.length];
    private static Path certificates;
    private static RedisServer redis;
    private static int tlsPort;

    @BeforeAll
    static void startTlsServer() throws Exception {
        certificates = Files.createTempDirectory("redis-tls-");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=sessionkit test CA");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        Files.writeString(certificates.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
        run("keytool", "-importcert", "-noprompt", "-alias", "sessionkit-test-ca", "-file", "ca.crt",
                "-keystore", "trust.p12", "-storetype", "PKCS12", "-storepass", "changeit");
        String[] values = {certificates.resolve("trust.p12").toString(), "changeit", "PKCS12"};
        for (int i = 0; i < TRUST_PROPERTIES.length; i++) {
            saved[i] = System.getProperty(TRUST_PROPERTIES[i]);
            System.setProperty(TRUST_PROPERTIES[i], values[i]);
        }
        try (ServerSocket free = new ServerSocket(0)) {
            tlsPort = free.getLocalPort();
        }
        // The plain port stays for the test's redis-cli; the store is given only the TLS one.
        redis = RedisServer.start("--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", certificates.resolve("server.crt").toString(),
                "--tls-key-file", certificates.resolve("server.key").toString(),
                "--tls-ca-cert-file", certificates.resolve("ca.crt").toString(),
                "--tls-auth-clients", "no", "--notify-keyspace-events", "Ex");
    }

    @AfterAll
    static void stopTlsServer() throws IOException {
        if (redis != null) {
            redis.stop();
        }
        for (int i = 0; i < TRUST_PROPERTIES.length; i++) {
            if (saved[i] == null) {
                System.clearProperty(TRUST_PROPERTIES[i]);
            } else {
                System.setProperty(TRUST_PROPERTIES[i], saved[i]);
            }
        }
        try (var files = Files.list(certificates)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(certificates);
    }

    @Override
    protected SessionStore createStore() {
        redis.flushAll();
        return RedisSessionStore.builder().uri("rediss://127.0.0.1:" + tlsPort).build();
    }

    @Test
    void theTlsPortRefusesPlainText() {
        try (RedisSessionStore plain = RedisSessionStore.builder().uri("redis://127.0.0.1:" + tlsPort)
                .timeout(Duration.ofMillis(500)).build()) {
            SessionData session = session(null, Map.of());
            assertThrows(SessionStoreUnavailableException.class,
                    () -> plain.save(session, new SessionChanges(true, Set.of(), Set.of(), false)));
        }
        assertEquals("0", redis.cli("DBSIZE"), "and nothing was written");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(certificates.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
