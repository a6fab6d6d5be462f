/**
 * A {@link dev.sessionkit.store.SessionStore} on Redis through Jedis: {@link dev.sessionkit.store.redis.RedisSessionStore},
 * and its provider for the init-param {@code store=redis}.
 */
package dev.sessionkit.store.redis;
