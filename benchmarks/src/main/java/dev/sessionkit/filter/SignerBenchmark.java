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
 * the filter's package, as a test would, because the signer is package-private there.
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

    @Setup
    public void setUp() {
        signer = CookieSigner.fromSecrets(List.of("benchmark-secret-0123456789-abcdefghijklmnopqrstuvwxyz"), "SESSION");
        id = SessionIds.newId();
        signed = signer.sign(id);
        if (!id.equals(signer.verify(signed))) {
            throw new IllegalStateException("signed ID does not verify");
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
}
