package dev.sessionkit.store.redis;

import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code claim.lua}: takes the sessions to evict out of the cap's set, only while it is over the cap. */
final class ClaimScript {

    private static final Script SCRIPT = Script.load("claim.lua");

    private ClaimScript() {
    }

    /**
     * @param ended      IDs of sessions that ended, dropped from the set first
     * @param candidates IDs to evict, least recently used first
     * @return the candidates taken out of the set, for the caller to delete
     */
    static List<String> run(UnifiedJedis client, String setKey, long cap, List<String> ended, List<String> candidates) {
        Script.Args args = new Script.Args().add(cap).add(ended.size());
        ended.forEach(args::add);
        candidates.forEach(args::add);
        List<?> reply = (List<?>) SCRIPT.run(client, List.of(setKey.getBytes(StandardCharsets.UTF_8)), args.list());
        return reply.stream().map(member -> new String((byte[]) member, StandardCharsets.UTF_8)).toList();
    }
}
