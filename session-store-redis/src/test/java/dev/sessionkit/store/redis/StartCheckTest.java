package dev.sessionkit.store.redis;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which failures of the PING at start are refusals that fail start with what to change (credentials, TLS
 * trust) and which are a server that is merely down. The exceptions are the ones Jedis throws, built here;
 * a real refused password is {@code RedisAclSessionStoreTest}'s.
 */
class StartCheckTest {

    @Test
    void aRefusedPasswordSaysWhereToSetTheCredentials() {
        for (String reply : new String[] {"WRONGPASS invalid username-password pair or user is disabled.",
                "NOAUTH Authentication required.", "ERR invalid password", "ERR invalid username-password pair"}) {
            String refusal = StartCheck.refusal(new JedisDataException(reply));

            assertTrue(refusal != null && refusal.startsWith("refused the store's credentials (" + reply + ")"), reply);
            assertTrue(refusal.contains("redis.user and redis.password"), refusal);
        }
    }

    @Test
    void aRefusalDeepInTheCausesIsFound() {
        JedisConnectionException e = new JedisConnectionException("Failed to connect",
                new JedisDataException("WRONGPASS invalid username-password pair or user is disabled."));

        assertTrue(StartCheck.refusal(e).startsWith("refused the store's credentials"));
    }

    @Test
    void anUntrustedCertificateSaysWhichTrustStoreToSet() {
        Exception[] causes = {new SSLHandshakeException("PKIX path building failed"),
                new SSLPeerUnverifiedException("peer not authenticated"),
                new CertPathValidatorException("validity check failed"), new CertificateException("No name matching")};
        for (Exception cause : causes) {
            String refusal = StartCheck.refusal(new JedisConnectionException(cause));

            assertTrue(refusal != null && refusal.startsWith("failed the TLS handshake (" + cause.getMessage() + ")"),
                    cause.toString());
            assertTrue(refusal.contains("javax.net.ssl.trustStore"), refusal);
        }
    }

    @Test
    void aServerThatIsDownIsNoRefusal() {
        assertNull(StartCheck.refusal(new JedisConnectionException(new ConnectException("Connection refused"))));
        assertNull(StartCheck.refusal(new JedisConnectionException((String) null)));
    }
}
