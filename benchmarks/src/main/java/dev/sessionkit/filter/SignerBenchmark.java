package dev.sessionkit.filter;

import dev.sessionkit.store.SessionIds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The session cookie's ID: a new ID, signing it (every new session) and verifying it (every request). It sits in
 * the filter's package, as a test would, because the signer is package-private there. {@code verify} verifies
 * the same value again, as a browser's next request does, which the signer's cache of verified values answers;
 * {@code verifyUnseen} cycles through 65,536 values, 16 for each slot of that cache, so nearly every one runs the
 * HMAC.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SignerBenchmark {

    private CookieSigner signer;
    private String id;
    private String signed;
    private final String[] many = new String[65_536];
    private int next;

    @Setup
    public void setUp() {
        signer = CookieSigner.fromSecrets(List.of("benchmark-secret-0123456789-abcdefghijklmnopqrstuvwxyz"), "SESSION");
        id = SessionIds.newId();
        signed = signer.sign(id);
        if (!id.equals(signer.verify(signed))) {
            throw new IllegalStateException("signed ID does not verify");
        }
        for (int i = 0; i < many.length; i++) {
            many[i] = signer.sign(SessionIds.newId());
        }
    }

    @Benchmark
    public String newId() {
        return SessionIds.newId();
    }

    @Benchmark
    public String sign() {
        return signer.sign(id);
    }

    @Benchmark
    public String verify() {
        return signer.verify(signed);
    }

    @Benchmark
    public String verifyUnseen() {
        next = (next + 1) & (many.length - 1);
        return signer.verify(many[next]);
    }
}
