package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreContract;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisServer;
import dev.sessionkit.testing.redis.TlsCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
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

    private static TlsCertificates certificates;
    private static AutoCloseable trusted;
    private static RedisServer redis;
    private static int tlsPort;

    @BeforeAll
    static void startTlsServer() throws Exception {
        certificates = TlsCertificates.create();
        trusted = certificates.trustedByJvm();
        try (ServerSocket free = new ServerSocket(0)) {
            tlsPort = free.getLocalPort();
        }
        // The plain port stays for the test's redis-cli; the store is given only the TLS one.
        List<String> args = new ArrayList<>(certificates.serverArgs(tlsPort));
        args.addAll(List.of("--notify-keyspace-events", "Ex"));
        redis = RedisServer.start(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopTlsServer() throws Exception {
        if (redis != null) {
            redis.stop();
        }
        trusted.close();
        certificates.close();
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
        certificates.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rogue-ca.key", "-out", "rogue-ca.crt",
                "-days", "2", "-subj", "/CN=untrusted CA");
        certificates.run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "rogue.key", "-out", "rogue.csr",
                "-subj", "/CN=127.0.0.1");
        certificates.run("openssl", "x509", "-req", "-in", "rogue.csr", "-CA", "rogue-ca.crt", "-CAkey", "rogue-ca.key",
                "-CAcreateserial", "-out", "rogue.crt", "-days", "2", "-extfile", "san.ext");
        int roguePort;
        try (ServerSocket free = new ServerSocket(0)) {
            roguePort = free.getLocalPort();
        }
        RedisServer rogue = RedisServer.start("--tls-port", Integer.toString(roguePort),
                "--tls-cert-file", certificates.directory().resolve("rogue.crt").toString(),
                "--tls-key-file", certificates.directory().resolve("rogue.key").toString(),
                "--tls-ca-cert-file", certificates.directory().resolve("rogue-ca.crt").toString(), "--tls-auth-clients", "no");
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
}
