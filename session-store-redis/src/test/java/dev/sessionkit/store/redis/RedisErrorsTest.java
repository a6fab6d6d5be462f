package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionStoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import java.net.SocketTimeoutException;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How Jedis' exceptions become the store's: "not now" (503, the filter keeps the session) against a refusal
 * that names its cause, and which failed commands are tried again. No server: the exceptions are the ones
 * Jedis throws, built here.
 */
class RedisErrorsTest {

    private final RedisErrors errors = new RedisErrors("redis://127.0.0.1:6379");

    @Test
    void aBrokenConnectionIsUnavailableAndNamesTheEndpoint() {
        SessionException e = errors.translate(new JedisConnectionException("Connection refused"));

        assertInstanceOf(SessionStoreUnavailableException.class, e);
        assertEquals("redis://127.0.0.1:6379 is unavailable: Connection refused", e.getMessage());
    }

    @Test
    void aClusterThatCannotRouteIsUnavailable() {
        assertInstanceOf(SessionStoreUnavailableException.class,
                errors.translate(new JedisClusterOperationException("No more cluster attempts left")));
    }

    @Test
    void aPoolWithNoFreeConnectionInTimeIsUnavailable() {
        JedisException e = new JedisException("Could not get a resource from the pool",
                new NoSuchElementException("Timeout waiting for idle object"));

        assertInstanceOf(SessionStoreUnavailableException.class, errors.translate(e));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOADING Redis is loading the dataset in memory", "BUSY Redis is busy running a script",
            "MASTERDOWN Link with MASTER is down", "READONLY You can't write against a read only replica.",
            "OOM command not allowed when used memory > 'maxmemory'.", "CLUSTERDOWN The cluster is down",
            "TRYAGAIN Multiple keys request during rehashing of slot", "NOREPLICAS Not enough good replicas to write."})
    void repliesThatMeanNotNowAreUnavailable(String reply) {
        assertInstanceOf(SessionStoreUnavailableException.class, errors.translate(new JedisDataException(reply)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOPERM this user has no permissions to run the 'evalsha' command",
            "NOAUTH Authentication required.", "WRONGPASS invalid username-password pair or user is disabled."})
    void aRefusedUserIsARefusalThatListsThePermissionsToGrant(String reply) {
        SessionException e = errors.translate(new JedisDataException(reply));

        assertFalse(e instanceof SessionStoreUnavailableException, "not a 503: waiting does not help");
        assertTrue(e.getMessage().startsWith("redis://127.0.0.1:6379 refused the store's Redis user: " + reply), e.getMessage());
        assertTrue(e.getMessage().contains("EVALSHA"), e.getMessage());
    }

    @Test
    void aKeyOfAnotherTypeIsNamedAsSuch() {
        SessionException e = errors.translate(new JedisDataException(
                "ERR Error running script: WRONGTYPE Operation against a key holding the wrong kind of value"));

        assertFalse(e instanceof SessionStoreUnavailableException);
        assertTrue(e.getMessage().contains("holds a key of another type"), e.getMessage());
    }

    @Test
    void anyOtherErrorReplyIsARefusedCommand() {
        SessionException e = errors.translate(new JedisDataException("ERR unknown command 'FCALL'"));

        assertFalse(e instanceof SessionStoreUnavailableException);
        assertEquals("redis://127.0.0.1:6379 refused a session command: ERR unknown command 'FCALL'", e.getMessage());
    }

    @Test
    void anErrorWithoutAMessageIsStillTranslated() {
        SessionException e = errors.translate(new JedisDataException((String) null));

        assertEquals("redis://127.0.0.1:6379 refused a session command: ", e.getMessage());
    }

    @Test
    void aReadWhoseConnectionBrokeIsTriedOnceMore() {
        AtomicInteger calls = new AtomicInteger();

        String value = errors.read(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new JedisConnectionException("Unexpected end of stream.");
            }
            return "value";
        });

        assertEquals("value", value);
        assertEquals(2, calls.get());
    }

    @Test
    void aReadThatFailsTwiceIsUnavailable() {
        AtomicInteger calls = new AtomicInteger();

        assertThrows(SessionStoreUnavailableException.class, () -> errors.read(failing(calls,
                new JedisConnectionException("Unexpected end of stream."))));
        assertEquals(2, calls.get());
    }

    @Test
    void aReadThatTimedOutIsNotTriedAgain() {
        AtomicInteger calls = new AtomicInteger();
        JedisConnectionException timeout = new JedisConnectionException(
                new JedisConnectionException(new SocketTimeoutException("Read timed out")));

        SessionException e = assertThrows(SessionStoreUnavailableException.class, () -> errors.read(failing(calls, timeout)));
        assertEquals(1, calls.get(), "a slow Redis is not asked twice");
        assertSame(timeout, e.getCause());
    }

    @Test
    void aReadThatRedisRefusedIsNotTriedAgain() {
        AtomicInteger calls = new AtomicInteger();

        assertThrows(SessionException.class, () -> errors.read(failing(calls, new JedisDataException("ERR syntax error"))));
        assertEquals(1, calls.get());
    }

    @Test
    void aWriteIsNeverTriedAgain() {
        AtomicInteger calls = new AtomicInteger();

        assertThrows(SessionStoreUnavailableException.class, () -> errors.write(failing(calls,
                new JedisConnectionException("Unexpected end of stream."))));
        assertEquals(1, calls.get(), "its reply may have been lost after Redis applied it");
    }

    private static Supplier<String> failing(AtomicInteger calls, JedisException e) {
        return () -> {
            calls.incrementAndGet();
            throw e;
        };
    }
}
