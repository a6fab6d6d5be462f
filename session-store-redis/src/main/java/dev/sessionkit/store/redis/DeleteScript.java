package dev.sessionkit.store.redis;

import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code delete.lua}: deletes a session's key, optionally only if it belongs to a given user. */
final class DeleteScript {

    private static final Script SCRIPT = Script.load("delete.lua");

    private DeleteScript() {
    }

    /**
     * @param requiredPrincipal delete only a session of this user; null for any session
     * @return the principal the deleted session had ("" for none), or null when nothing was deleted
     */
    static String run(UnifiedJedis client, byte[] sessionKey, String requiredPrincipal) {
        List<byte[]> args = new Script.Args().add(Keys.PRINCIPAL)
                .add(requiredPrincipal == null ? "" : requiredPrincipal).list();
        Object reply = SCRIPT.run(client, List.of(sessionKey), args);
        return reply == null ? null : new String((byte[]) reply, StandardCharsets.UTF_8);
    }
}
