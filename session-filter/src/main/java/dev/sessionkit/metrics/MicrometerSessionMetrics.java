package dev.sessionkit.metrics;

import dev.sessionkit.store.MigratingSessionStore;
import dev.sessionkit.store.SessionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Publishes session metrics to a Micrometer registry. Meters, all prefixed {@code sessionkit.}:
 * <ul>
 *   <li>{@code sessions.started}, {@code .loaded}, {@code .rotated}, {@code .invalidated},
 *       {@code .expired}: counters ("started", not "created": Prometheus reserves the {@code _created}
 *       suffix and would drop it)</li>
 *   <li>{@code sessions.rejected} with tag {@code reason} ({@code bad_signature}, {@code unknown_id})</li>
 *   <li>{@code store.latency} timer with tags {@code operation} and {@code outcome}
 *       ({@code ok}, {@code unavailable})</li>
 *   <li>{@code session.size} distribution summary, in bytes</li>
 *   <li>{@code sessions.active} gauge, for stores that can count, from
 *       {@link dev.sessionkit.store.SessionAdmin#approximateCount()} (cost independent of the number of
 *       sessions; exact for the in-memory store, see each store for the others), refreshed at most every 30 seconds</li>
 *   <li>during a migration ({@code migrate.from}): {@code sessions.migrated}, a counter of sessions moved by
 *       this instance, and {@code sessions.old-store}, a gauge of sessions left in the old store (refreshed
 *       like {@code sessions.active}; NaN for a cookie store, which cannot count)</li>
 * </ul>
 * Needs {@code io.micrometer:micrometer-core} on the classpath. Thread-safe.
 */
public final class MicrometerSessionMetrics implements SessionMetrics {

    private static final String PREFIX = "sessionkit.";
    private static final long COUNT_CACHE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final MeterRegistry registry;
    private final Counter created;
    private final Counter loaded;
    private final Counter rotated;
    private final Counter invalidated;
    private final Counter expired;
    private final Map<Rejection, Counter> rejected = new EnumMap<>(Rejection.class);
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final DistributionSummary size;

    /**
     * @param registry where the meters are registered
     */
    public MicrometerSessionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.created = counter("sessions.started", "Sessions created");
        this.loaded = counter("sessions.loaded", "Sessions loaded for a request");
        this.rotated = counter("sessions.rotated", "Session IDs rotated");
        this.invalidated = counter("sessions.invalidated", "Sessions invalidated by the application");
        this.expired = counter("sessions.expired", "Sessions found past their idle or absolute timeout");
        for (Rejection reason : Rejection.values()) {
            rejected.put(reason, Counter.builder(PREFIX + "sessions.rejected")
                    .description("Session cookies turned away")
                    .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry));
        }
        this.size = DistributionSummary.builder(PREFIX + "session.size")
                .description("Encoded size of saved sessions").baseUnit("bytes").register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(PREFIX + name).description(description).register(registry);
    }

    @Override
    public void created() {
        created.increment();
    }

    @Override
    public void loaded() {
        loaded.increment();
    }

    @Override
    public void rotated() {
        rotated.increment();
    }

    @Override
    public void invalidated() {
        invalidated.increment();
    }

    @Override
    public void expired() {
        expired.increment();
    }

    @Override
    public void rejected(Rejection reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void storeCall(String operation, long nanos, boolean unavailable) {
        String outcome = unavailable ? "unavailable" : "ok";
        timers.computeIfAbsent(operation + '/' + outcome, key -> Timer.builder(PREFIX + "store.latency")
                .description("Session store calls")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stored(int bytes) {
        size.record(bytes);
    }

    @Override
    public void bind(SessionStore store) {
        if (store instanceof MigratingSessionStore migration) {
            bindMigration(migration);
        }
        store.admin().ifPresent(admin -> {
            CachedCount count = new CachedCount(admin::approximateCount);
            // A strong reference: Micrometer holds gauge objects weakly, and nothing else holds this one.
            Gauge.builder(PREFIX + "sessions.active", count, CachedCount::get)
                    .description("Live sessions in the store").strongReference(true).register(registry);
        });
    }

    private void bindMigration(MigratingSessionStore migration) {
        FunctionCounter.builder(PREFIX + "sessions.migrated", migration, MigratingSessionStore::migrated)
                .description("Sessions this instance moved from the old store of a migration").register(registry);
        // NaN while the old store cannot be reached, and always for a cookie store, which cannot count.
        CachedCount left = new CachedCount(() -> migration.leftInOldStore().orElseThrow());
        Gauge.builder(PREFIX + "sessions.old-store", left, CachedCount::get)
                .description("Sessions still in the old store of a migration").strongReference(true).register(registry);
    }

    /** The store's count, refreshed at most every 30 seconds: scraping must not scan Redis each time. */
    private static final class CachedCount {
        private final LongSupplier count;
        private long value;
        private long readAt;
        private boolean read;

        CachedCount(LongSupplier count) {
            this.count = count;
        }

        synchronized double get() {
            long now = System.nanoTime();
            if (!read || now - readAt >= COUNT_CACHE_NANOS) {
                try {
                    value = count.getAsLong();
                } catch (RuntimeException unavailable) {
                    return Double.NaN;
                }
                readAt = now;
                read = true;
            }
            return value;
        }
    }
}
