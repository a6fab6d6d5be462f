package dev.sessionkit.store.redis;

import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code index.lua}: adds a session to its user's index, a sorted set scored by login time. */
final class IndexScript {

    private static final Script SCRIPT = Script.load("index.lua");

    /**
     * @param size        how many IDs the index holds
     * @param foreignType the type the key held when it was not a sorted set, and was replaced; null if it was
     */
    record Result(long size, String foreignType) {
    }

    private IndexScript() {
    }

    /**
     * @param now                   the login time, the new member's score unless it replaces one
     * @param absoluteTimeoutMillis drops members logged in longer ago and bounds the index's time-to-live;
     *                              0 for none
     * @param replaces              the ID the session had before a rotation, whose score it keeps; null for none
     * @return the index's size, and what it replaced when the key held another type than a sorted set
     */
    static Result run(UnifiedJedis client, String indexKey, long now, long absoluteTimeoutMillis, String id, String replaces) {
        List<byte[]> args = new Script.Args().add(now).add(absoluteTimeoutMillis).add(id)
                .add(replaces == null ? "" : replaces).list();
        List<?> reply = (List<?>) SCRIPT.run(client, List.of(indexKey.getBytes(StandardCharsets.UTF_8)), args);
        String foreign = new String((byte[]) reply.get(1), StandardCharsets.UTF_8);
        return new Result((Long) reply.get(0), foreign.isEmpty() ? null : foreign);
    }
}
