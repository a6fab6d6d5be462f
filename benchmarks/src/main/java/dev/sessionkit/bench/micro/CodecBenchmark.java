package dev.sessionkit.bench.micro;

import dev.sessionkit.bench.fixtures.SessionFixtures;
import dev.sessionkit.codec.SessionDataCodec;
import dev.sessionkit.store.SessionData;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Encoding a whole session's attributes (what a first save or {@code SaveMode.ALWAYS} costs) and decoding
 * them all (a request that reads every attribute); and the cookie store's whole-session document on top.
 * {@code bytes} is the size of the encoded attribute values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {

    @Param({"1024", "10240"})
    public int bytes;

    private String[] names;
    private Object[] values;
    private byte[][] encoded;
    private SessionData session;
    private byte[] document;

    @Setup
    public void setUp() {
        Map<String, Object> attributes = SessionFixtures.sized(bytes);
        names = attributes.keySet().toArray(String[]::new);
        values = attributes.values().toArray();
        encoded = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            encoded[i] = SessionFixtures.CODEC.encode(names[i], values[i]);
        }
        session = SessionFixtures.session(attributes, System.currentTimeMillis());
        document = SessionDataCodec.encode(session);
    }

    @Benchmark
    public void encodeAttributes(Blackhole blackhole) {
        for (int i = 0; i < names.length; i++) {
            blackhole.consume(SessionFixtures.CODEC.encode(names[i], values[i]));
        }
    }

    @Benchmark
    public void decodeAttributes(Blackhole blackhole) {
        for (byte[] value : encoded) {
            blackhole.consume(SessionFixtures.CODEC.decode(value));
        }
    }

    @Benchmark
    public byte[] encodeDocument() {
        return SessionDataCodec.encode(session);
    }

    @Benchmark
    public SessionData decodeDocument() {
        return SessionDataCodec.decode(document);
    }
}
