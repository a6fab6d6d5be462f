/**
 * A {@link dev.sessionkit.store.SessionStore} on Redis through Jedis: {@link dev.sessionkit.store.redis.RedisSessionStore},
 * and its provider for the init-param {@code store=redis}.
 *
 * <h2>Session cap</h2>
 * {@link RedisSessionStoreBuilder#maxSessions(long)} caps the live sessions of this store's key prefix (one application or
 * tenant); other prefixes on the same Redis are never counted or touched. The store then lists its session
 * IDs in the sorted set {@code <prefix>all}, scored by creation time. A new session beyond the cap evicts
 * (deletes) the least recently used session of a sample of 16 of the prefix's sessions (all of them while
 * there are no more than 16; else the 4 oldest and 12 from a random rank), as the in-memory store does:
 * exact least-recently-used order would need a write to the set on every read, a second round trip on
 * Cluster. An eviction is a delete: the expiry listener is not told, as with the per-user cap and the
 * in-memory store's evictions.
 * <ul>
 *   <li>Cost: reads are unchanged (1 round trip) and so are writes of existing sessions. A new session adds
 *       one script on the set (2 round trips), and one beyond the cap three more (read the sample's access
 *       times, claim the victims, delete each), plus one for a logged-in victim's index. A rotation adds
 *       one script, a delete one ZREM (pipelined with the user index's ZREM when logged in).</li>
 *   <li>Races: victims are taken out of the set by one script, each only while the set is still over the
 *       cap, so concurrent new sessions never evict more than they added (counting what each one saw would
 *       evict far more). While their evictions are under way the prefix may hold as many sessions over the
 *       cap as there are concurrent creators. An excess that outlives them (a sample with no other live
 *       session, a victim rotated at that moment, which lives on under its new ID) is evicted by the next
 *       new session. A victim whose delete fails (Redis lost after the claim) lives on, uncounted, until it
 *       ends.</li>
 *   <li>Bookkeeping: a delete or rotation updates the set at once, an expiry event (when subscribed) drops
 *       the ID, and each new session drops IDs created longer ago than the absolute timeout and refreshes
 *       the set's time-to-live to that timeout (no time-to-live when it is zero: the set then holds about
 *       {@code maxSessions} IDs at most). IDs of sessions that ended unseen (expiry events off or missed)
 *       still count until a sample meets them and drops them, before any live session is evicted.</li>
 *   <li>Sessions written while the cap was off are counted from their next rotation (login) on.</li>
 * </ul>
 *
 * <h2>Expiry events</h2>
 * With Redis keyspace notifications on ({@code notify-keyspace-events Ex}, set by hand or by
 * {@link RedisSessionStoreBuilder#configureKeyspaceNotifications(boolean)}), the store subscribes to
 * {@code __keyevent@*__:expired} on every server (on Cluster every node) from {@link RedisSessionStore#start} until
 * {@link RedisSessionStore#close}, and passes the ID of each expired session to {@link dev.sessionkit.store.StoreContext#expiryListener()}.
 * Every application instance subscribed hears every expiry. The subscription holds one connection per
 * server and reconnects with a bounded backoff after a Redis restart. On Cluster the store follows the
 * client's view of the topology every second, so masters that join are subscribed to as well; a Cluster
 * client the store builds refreshes that view every 2 s.
 */
package dev.sessionkit.store.redis;
