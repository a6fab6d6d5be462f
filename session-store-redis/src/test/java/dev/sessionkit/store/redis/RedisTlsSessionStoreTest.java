package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreContract;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aCertificateTheJvmDoesNotTrustFailsStartNamingTheTrustStore() throws Exception {
        // A server whose certificate another CA signed, one the JVM's trust store does not hold.
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rogue-ca.key", "-out", "rogue-ca.crt",
                "-days", "2", "-subj", "/CN=untrusted CA");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "rogue.key", "-out", "rogue.csr",
                "-subj", "/CN=127.0.0.1");
        run("openssl", "x509", "-req", "-in", "rogue.csr", "-CA", "rogue-ca.crt", "-CAkey", "rogue-ca.key",
                "-CAcreateserial", "-out", "rogue.crt", "-days", "2", "-extfile", "san.ext");
        int roguePort;
        try (ServerSocket free = new ServerSocket(0)) {
            roguePort = free.getLocalPort();
        }
        RedisServer rogue = RedisServer.start("--tls-port", Integer.toString(roguePort),
                "--tls-cert-file", certificates.resolve("rogue.crt").toString(),
                "--tls-key-file", certificates.resolve("rogue.key").toString(),
                "--tls-ca-cert-file", certificates.resolve("rogue-ca.crt").toString(), "--tls-auth-clients", "no");
        try (RedisSessionStore store = RedisSessionStore.builder().uri("rediss://127.0.0.1:" + roguePort)
                .timeout(Duration.ofSeconds(2)).build()) {
            SessionException refused = assertThrows(SessionException.class, () -> store.start(StoreContext.NONE));
            assertTrue(refused.getMessage().contains("TLS handshake"), refused.getMessage());
            assertTrue(refused.getMessage().contains("javax.net.ssl.trustStore"), refused.getMessage());
        } finally {
            rogue.stop();
        }
    }

    @Test
    void aCertificateForAnotherHostFailsStart() {
        // The certificate names 127.0.0.1 only; "localhost" reaches the same server under another name.
        try (RedisSessionStore store = RedisSessionStore.builder().uri("rediss://localhost:" + tlsPort)
                .timeout(Duration.ofSeconds(2)).build()) {
            SessionException refused = assertThrows(SessionException.class, () -> store.start(StoreContext.NONE));
            assertTrue(refused.getMessage().contains("does not name this host") || refused.getMessage().contains("TLS"),
                    refused.getMessage());
        }
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
