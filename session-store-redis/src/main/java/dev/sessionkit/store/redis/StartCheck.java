package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.lang.System.Logger.Level;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One PING when the store starts, so that configuration Redis refuses fails start with what to change: a
 * wrong user or password, or a TLS certificate the JVM does not trust. A server that is merely down is
 * logged and left to come back, as requests would find it.
 */
final class StartCheck {

    private static final System.Logger LOG = System.getLogger(StartCheck.class.getName());

    private StartCheck() {
    }

    /**
     * @throws SessionException when Redis refuses the credentials or the TLS handshake fails
     */
    static void ping(UnifiedJedis client, String endpoint) {
        try {
            client.ping();
        } catch (JedisException e) {
            String refusal = refusal(e);
            if (refusal != null) {
                throw new SessionException(endpoint + " " + refusal, e);
            }
            LOG.log(Level.WARNING, "{0} did not answer at start ({1}); requests get 503 until it does", endpoint, e.getMessage());
        }
    }

    /** @return what to change, or null when the failure is not a refusal (the server is down, say) */
    static String refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains("WRONGPASS") || message.contains("NOAUTH") || message.contains("invalid password")
                    || message.contains("invalid username-password")) {
                return "refused the store's credentials (" + message + "): set the user and password of an ACL user of"
                        + " this server in redis.uri (redis://user:password@host:port) or redis.user and redis.password";
            }
            if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException
                    || t instanceof CertPathValidatorException || t instanceof CertificateException) {
                return "failed the TLS handshake (" + message + "): the server's certificate is not trusted or does not"
                        + " name this host. Point javax.net.ssl.trustStore at the CA that signed it, and connect by the"
                        + " name or address the certificate holds";
            }
        }
        return null;
    }
}
