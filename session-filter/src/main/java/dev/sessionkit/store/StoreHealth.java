package dev.sessionkit.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one health check of a store found: whether its backing service answered, how long that took, what
 * works but is degraded, and a few facts for an operator.
 *
 * @param reachable whether the backing service answered
 * @param latency   how long the check's round trip took
 * @param warnings  what is wrong although the store answers (for Redis: expiry events off), or why it is
 *                  unreachable; empty when all is well
 * @param details   facts worth showing, such as the server's version or the topology; never secrets
 */
public record StoreHealth(boolean reachable, Duration latency, List<String> warnings, Map<String, String> details) {

    /** Copies the lists and rejects nulls. */
    public StoreHealth {
        Objects.requireNonNull(latency, "latency");
        warnings = List.copyOf(warnings);
        details = Map.copyOf(details);
    }

    /**
     * A store that answered with nothing to report.
     *
     * @param latency how long the check took
     * @return a healthy result without details
     */
    public static StoreHealth up(Duration latency) {
        return new StoreHealth(true, latency, List.of(), Map.of());
    }

    /**
     * A store whose backing service did not answer.
     *
     * @param latency how long the check waited
     * @param reason  what failed, for the operator
     * @return an unreachable result
     */
    public static StoreHealth down(Duration latency, String reason) {
        return new StoreHealth(false, latency, List.of(reason), Map.of());
    }

    /** @return true when the store answered and nothing is degraded */
    public boolean healthy() {
        return reachable && warnings.isEmpty();
    }
}
