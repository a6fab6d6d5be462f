package dev.sessionkit.bench.micro;

import dev.sessionkit.bench.fixtures.SessionFixtures;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.cookie.CookieAead;
import dev.sessionkit.store.cookie.CookieKeys;
import dev.sessionkit.store.cookie.CookieSessionStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The cookie store's own work per request, with its default settings: seal (document, DEFLATE when the
 * document passes 2048 bytes, AES-256-GCM, base64url) and open (the reverse plus the deadline checks).
 * Attribute values arrive already encoded, as the filter hands them over. {@code bytes} is the size of the
 * encoded attribute values: the 1 KB session's document (1.3 KB) is sealed as it is, the 4 KB one's is
 * deflated.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CookieStoreBenchmark {

    private static final SessionChanges SAVE = new SessionChanges(false, Set.of("visits"), Set.of(), false);

    @Param({"1024", "4096"})
    public int bytes;

    private CookieSessionStore store;
    private SessionData session;
    private String token;
    private long now;

    @Setup
    public void setUp() {
        // Two chunks so an incompressible 4 KB session would still fit; the fixtures compress to one cookie.
        store = CookieSessionStore.builder().keyset(CookieKeys.generate(CookieAead.AES256_GCM)).maxChunks(2).build();
        store.start(new StoreContext(Duration.ofHours(8), id -> { }));
        now = System.currentTimeMillis();
        session = SessionFixtures.session(SessionFixtures.sized(bytes), now);
        token = store.save(session, SAVE);
        if (store.load(token, now, 0).live() == null) {
            throw new IllegalStateException("sealed session does not open");
        }
    }

    @Benchmark
    public String seal() {
        return store.save(session, SAVE);
    }

    @Benchmark
    public SessionData open() {
        return store.load(token, now, 0).live();
    }
}
