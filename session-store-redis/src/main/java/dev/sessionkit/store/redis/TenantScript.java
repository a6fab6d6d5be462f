package dev.sessionkit.store.redis;

import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code tenant.lua}: keeps the session cap's set of a prefix's session IDs, scored by creation time. */
final class TenantScript {

    private static final Script SCRIPT = Script.load("tenant.lua");

    /**
     * @param now                   drops IDs created longer than the absolute timeout before it
     * @param absoluteTimeoutMillis also the set's time-to-live; 0 for none
     * @param id                    the session to add
     * @param created               its creation time, its score
     * @param replaces              the ID it had before a rotation, to drop; null for none
     * @param cap                   most sessions before a sample is returned; 0 to only add
     * @param sampleSize            how many IDs a sample names
     * @param random                any whole number, which places the sample
     */
    record AdmitArgs(long now, long absoluteTimeoutMillis, String id, long created, String replaces, long cap,
                     int sampleSize, int random) {
    }

    private TenantScript() {
    }

    /**
     * @return the IDs of a sample to evict from when the set is over the cap, else an empty list: all IDs when
     *         no more than the sample size, else the oldest quarter of a sample, then a run from a random rank
     */
    static List<String> run(UnifiedJedis client, String setKey, AdmitArgs admit) {
        List<byte[]> args = new Script.Args().add(admit.now()).add(admit.absoluteTimeoutMillis()).add(admit.id())
                .add(admit.created()).add(admit.replaces() == null ? "" : admit.replaces()).add(admit.cap())
                .add(admit.sampleSize()).add(admit.random()).list();
        List<?> reply = (List<?>) SCRIPT.run(client, List.of(setKey.getBytes(StandardCharsets.UTF_8)), args);
        // The first element is the set's size, which only tells whether a sample follows.
        return reply.subList(1, reply.size()).stream()
                .map(member -> new String((byte[]) member, StandardCharsets.UTF_8)).toList();
    }
}
