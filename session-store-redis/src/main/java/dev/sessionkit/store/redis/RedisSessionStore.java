package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sessions in Redis, through one Jedis {@link UnifiedJedis}: standalone, Sentinel and Cluster alike.
 *
 * <h2>Round trips</h2>
 * A read is one plain HGETALL; every write to one session is a single Lua script (EVALSHA), so it is
 * atomic and costs one round trip. A read-only request costs 1, plus 1 when the access-time touch and TTL
 * refresh is due (at most once per touch interval per session: a small script that re-checks the session
 * still exists, so a touch never resurrects one); a request that changes the session 2 (read, then save
 * the delta); a new session 1 (save). Reading with a plain command rather than a script costs Redis about
 * a tenth of the CPU (1.8 µs against 15.7 µs per read measured). With the opt-in
 * {@linkplain Builder#nearCache near cache} a repeat read costs none until the session changes. Only
 * changes to the per-user index cost more: a login, logout or rotation of a logged-in session, or a
 * delete of one, adds one command on the user's index key, which on Cluster lives in another slot than
 * the session. The session cap, when on, costs more too (see below); when off it costs nothing.
 *
 * <h2>Guarantees</h2>
 * All of {@link SessionStore}'s: a save writes only the attributes the request changed (HSET/HDEL), so
 * concurrent requests changing different attributes both survive; a save never recreates a session that
 * was deleted, rotated away or expired; a new session never overwrites an existing key; rotation is one
 * atomic RENAME (both IDs share their lineage, the Cluster hash tag, so both keys share a slot).
 * Each key expires after the session's idle timeout, never later than its creation plus the absolute
 * timeout of the {@link StoreContext}.
 *
 * <h2>Errors</h2>
 * When Redis cannot be reached, times out, or refuses service (loading, read-only replica, out of
 * memory, cluster down), methods throw {@link SessionStoreUnavailableException} naming the endpoint;
 * scripts are atomic, so nothing was half written. The client's pool reconnects on its own, so the store
 * works again as soon as Redis is back. Stored data that cannot be read (missing or non-numeric metadata,
 * a key of another type) is treated as no session and logged once per kind of problem.
 *
 * <h2>Session cap</h2>
 * {@link Builder#maxSessions(long)} caps the live sessions of this store's key prefix (one application or
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
 * {@link Builder#configureKeyspaceNotifications(boolean)}), the store subscribes to
 * {@code __keyevent@*__:expired} on every server (on Cluster every node) from {@link #start} until
 * {@link #close}, and passes the ID of each expired session to {@link StoreContext#expiryListener()}.
 * Every application instance subscribed hears every expiry. The subscription holds one connection per
 * server and reconnects with a bounded backoff after a Redis restart. On Cluster the store follows the
 * client's view of the topology every second, so masters that join are subscribed to as well; a Cluster
 * client the store builds refreshes that view every 2 s.
 *
 * <p>Thread-safe. Create it with {@link #builder()}; {@link #close()} stops the subscription and closes
 * the client if the store created it.
 */
public final class RedisSessionStore implements SessionStore, SessionAdmin {

    private static final System.Logger LOG = System.getLogger(RedisSessionStore.class.getName());

    private static final Script TOUCH = Script.load("touch.lua");
    private static final Script SAVE = Script.load("save.lua");
    private static final Script ROTATE = Script.load("rotate.lua");
    private static final Script DELETE = Script.load("delete.lua");
    private static final Script INDEX = Script.load("index.lua");
    private static final Script TENANT = Script.load("tenant.lua");
    private static final Script CLAIM = Script.load("claim.lua");

    /** With no per-user cap, an index that reaches this many IDs is checked for ended sessions on the next login. */
    private static final int PRUNE_THRESHOLD = 32;
    /** Sessions sampled, when a new one is beyond the session cap, for the least recently used to evict. */
    private static final int EVICTION_SAMPLE = 16;
    private static final byte[] ACCESSED = Keys.ACCESSED.getBytes(StandardCharsets.UTF_8);
    private static final String NOTIFY_KEYSPACE_EVENTS = "notify-keyspace-events";
    /** Keyevent notifications of expired keys: what expiry events need. */
    private static final String EXPIRY_EVENTS = "Ex";
    /** Keyspace notifications of every command that can change a session hash: what the near cache needs. */
    private static final String NEAR_CACHE_EVENTS = "Kghxe";
    /** How often a Cluster client the store built asks for the topology, besides when redirected. */
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(2);
    /** SCAN calls one listing page may make before it returns what it has: pages stay quick on a large keyspace. */
    private static final int SCANS_PER_PAGE = 16;
    private static final int COUNT_SCAN_BATCH = 1000;
    /** Error replies that mean "not now" rather than "wrong command". */
    private static final List<String> UNAVAILABLE_REPLIES = List.of(
            "LOADING", "BUSY", "MASTERDOWN", "READONLY", "OOM", "CLUSTERDOWN", "TRYAGAIN", "NOREPLICAS");

    private final UnifiedJedis client;
    private final boolean ownsClient;
    private final String endpoint;
    private final Keys keys;
    private final Nodes nodes;
    private final int maxSessionsPerUser;
    private final long maxSessions;
    private final boolean expiryEvents;
    private final boolean configureNotifications;
    private final Set<String> reportedProblems = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean capReached = new AtomicBoolean();
    private volatile StoreContext context = StoreContext.NONE;
    private final int nearCacheSize;
    private final long nearCacheMaxAgeMillis;
    private KeyspaceSubscriber subscriber;
    private volatile NearCache nearCache;

    private RedisSessionStore(Builder builder, UnifiedJedis client, boolean ownsClient, String endpoint) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.nodes = Nodes.of(client);
        this.endpoint = endpoint != null ? endpoint : nodes.describe();
        this.keys = new Keys(builder.keyPrefix);
        this.maxSessionsPerUser = builder.maxSessionsPerUser;
        this.maxSessions = builder.maxSessions;
        this.expiryEvents = builder.expiryEvents;
        this.configureNotifications = builder.configureKeyspaceNotifications;
        this.nearCacheSize = builder.nearCacheSize;
        this.nearCacheMaxAgeMillis = builder.nearCacheMaxAge.toMillis();
    }

    /**
     * @return a builder; choose exactly one of {@code client}, {@code uri}, {@code cluster} or {@code sentinel}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records the absolute timeout and, unless disabled, starts listening for expiry events. Optionally
     * turns keyspace notifications on first; a server that refuses (managed Redis often disables CONFIG)
     * is logged with the manual step, and the store works on without expiry events.
     */
    @Override
    public synchronized void start(StoreContext context) {
        this.context = Objects.requireNonNull(context, "context");
        if (configureNotifications) {
            configureKeyspaceNotifications();
        }
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
        nearCache = nearCacheSize > 0 && nearCacheNotified() ? new NearCache(nearCacheSize, nearCacheMaxAgeMillis) : null;
        Consumer<String> listener = null;
        if (expiryEvents) {
            listener = context.expiryListener();
            if (maxSessions > 0) {
                listener = id -> {
                    forgetExpired(id);
                    context.expiryListener().accept(id);
                };
            }
        }
        if (listener != null || nearCache != null) {
            subscriber = new KeyspaceSubscriber(nodes::all, nodes.isCluster(), keys, listener, nearCache, endpoint);
        }
    }

    /**
     * @return absent for an ID that is not {@linkplain SessionIds#isWellFormed well formed}, unknown or
     *         unreadable; expired (and deleted) when idle-expired at {@code now}
     */
    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        if (!SessionIds.isWellFormed(token)) {
            return LoadResult.ABSENT;
        }
        NearCache cache = nearCache;
        SessionData session = cache == null ? null : cache.get(token, now);
        if (session == null) {
            long stamp = cache == null ? 0 : cache.stamp(token);
            byte[] key = keys.sessionBytes(token);
            Map<byte[], byte[]> hash = read(() -> hashOrNull(() -> client.hgetAll(key)));
            session = hash == null || hash.isEmpty() ? null : decode(token, hash);
            if (session == null) {
                return LoadResult.ABSENT;
            }
            if (cache != null) {
                cache.put(session, stamp, now);
            }
        }
        if (session.isIdleExpired(now) || now - session.lastAccessedTime() >= touchAfterMillis) {
            Object touched;
            try {
                touched = read(() -> TOUCH.run(client, List.of(keys.sessionBytes(token)), args(now, absoluteMillis())));
            } finally {
                forget(token);
            }
            if (touched == null) {
                return LoadResult.ABSENT;
            }
            if ((Long) touched == 0) {
                return LoadResult.expired(session);
            }
        }
        return LoadResult.found(session);
    }

    /** Reads a session key's hash: null (reported) when the key holds another type. */
    private Map<byte[], byte[]> hashOrNull(Supplier<Map<byte[], byte[]>> hgetAll) {
        try {
            return hgetAll.get();
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("WRONGTYPE")) {
                throw e;
            }
            problem("a session key holds another type than a hash");
            return null;
        }
    }

    /**
     * @throws IllegalArgumentException when the ID is not well formed, or {@code changes.set()} names an
     *                                  attribute the session does not hold
     */
    @Override
    public String save(SessionData session, SessionChanges changes) {
        String id = requireWellFormed(session.id());
        List<byte[]> args = new ArrayList<>(args(changes.isNew() ? 1 : 0, session.lastAccessedTime(),
                absoluteMillis(), session.creationTime(), session.maxInactiveSeconds(),
                changes.metadataChanged() ? 1 : 0));
        args.add(utf8(session.principal() == null ? "" : session.principal()));
        args.add(utf8(Integer.toString(changes.set().size())));
        for (String name : changes.set()) {
            byte[] value = session.attributes().get(name);
            if (value == null) {
                throw new IllegalArgumentException("changes.set() names attribute '" + name + "', which the session does not hold");
            }
            args.add(Keys.attributeField(name));
            args.add(value);
        }
        for (String name : changes.removed()) {
            args.add(Keys.attributeField(name));
        }
        Object reply = changing(id, () -> SAVE.run(client, List.of(keys.sessionBytes(id)), args));
        if (reply instanceof Long code && code <= 0) {
            if (code < 0) {
                LOG.log(System.Logger.Level.WARNING, "A new session's key already exists in " + endpoint
                        + "; it was left as it was and the new session dropped. IDs are random, so this means"
                        + " the same new session was saved twice.");
            }
            return null;
        }
        String principal = session.principal();
        if (changes.isNew()) {
            if (principal != null) {
                index(principal, id, null, session.lastAccessedTime());
            }
            if (maxSessions > 0) {
                // After the user index: a per-user cap's deletions leave the tenant fewer sessions to evict.
                admit(id, session.creationTime(), null, session.lastAccessedTime());
            }
        } else if (reply instanceof byte[] previous) {
            String before = previous.length == 0 ? null : new String(previous, StandardCharsets.UTF_8);
            if (!Objects.equals(before, principal)) {
                if (before != null) {
                    write(() -> client.zrem(keys.userIndex(before), id));
                }
                if (principal != null) {
                    index(principal, id, null, session.lastAccessedTime());
                }
            }
        }
        return id;
    }

    @Override
    public boolean delete(String id, long now) {
        return delete(id);
    }

    @Override
    public boolean delete(String id) {
        return SessionIds.isWellFormed(id) && delete(id, "");
    }

    @Override
    public Optional<SessionAdmin> admin() {
        return Optional.of(this);
    }

    /**
     * @throws IllegalArgumentException unless {@code newId} is a new ID of {@code oldId}'s lineage, as
     *                                  {@link SessionIds#rotated} gives it (so both keys share a Cluster slot),
     *                                  and not in use
     */
    @Override
    public boolean rotate(String oldId, String newId, long now) {
        SessionIds.checkRotation(oldId, newId);
        Object reply = changing(oldId, () -> ROTATE.run(client, List.of(keys.sessionBytes(oldId), keys.sessionBytes(newId)), List.of()));
        if (reply == null) {
            return false;
        }
        if (reply instanceof Long) {
            throw new IllegalArgumentException("The new session ID is already in use in " + endpoint
                    + ": create new IDs with SessionIds.rotated(oldId)");
        }
        List<?> moved = (List<?>) reply;
        byte[] principal = (byte[]) moved.get(0);
        if (principal.length > 0) {
            index(new String(principal, StandardCharsets.UTF_8), newId, oldId, now);
        }
        if (maxSessions > 0) {
            Long created = number(Keys.CREATED, (byte[]) moved.get(1));
            admit(newId, created != null ? created : now, oldId, now);
        }
        return true;
    }

    /**
     * Counts session keys with SCAN over every master: exact when nothing changes meanwhile, and it reads
     * the whole keyspace, so it is meant for administration, not for every request. The session cap's set
     * is not used for this: it misses sessions written while the cap was off, and telling its live IDs from
     * ended ones would mean reading every session anyway.
     */
    @Override
    public long count() {
        ScanParams params = new ScanParams().match(keys.sessionPattern()).count(COUNT_SCAN_BATCH);
        return read(() -> {
            long count = 0;
            for (Nodes.Node node : nodes.masters()) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> batch = node.scan(cursor, params);
                    count += batch.getResult().stream().filter(key -> keys.idOf(key) != null).count();
                    cursor = batch.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
            return count;
        });
    }

    /**
     * Lists sessions with SCAN, master after master. As SCAN guarantees, a session that lives through the
     * whole listing appears in it; one created or deleted meanwhile may or may not, and one may appear twice
     * while Redis shrinks its table or the Cluster topology changes.
     */
    @Override
    public SessionPage list(String cursor, int limit) {
        int wanted = Math.max(1, limit);
        List<Nodes.Node> masters = read(nodes::masters);
        int node = 0;
        String scanCursor = ScanParams.SCAN_POINTER_START;
        if (cursor != null) {
            int colon = cursor.indexOf(':');
            try {
                node = Integer.parseInt(cursor.substring(0, colon));
                scanCursor = cursor.substring(colon + 1);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor this store returned: " + cursor);
            }
        }
        ScanParams params = new ScanParams().match(keys.sessionPattern()).count(Math.max(wanted, 10));
        Set<String> ids = new LinkedHashSet<>();
        for (int scans = 0; node < masters.size() && ids.size() < wanted && scans < SCANS_PER_PAGE; scans++) {
            Nodes.Node current = masters.get(node);
            String from = scanCursor;
            ScanResult<String> batch = read(() -> current.scan(from, params));
            batch.getResult().stream().map(keys::idOf).filter(Objects::nonNull).forEach(ids::add);
            scanCursor = batch.getCursor();
            if (scanCursor.equals(ScanParams.SCAN_POINTER_START)) {
                node++;
            }
        }
        List<SessionInfo> page = new ArrayList<>();
        fetch(ids).forEach((id, data) -> page.add(SessionInfo.of(data)));
        return new SessionPage(page, node < masters.size() ? node + ":" + scanCursor : null);
    }

    /** Reads a session without recording an access. */
    @Override
    public Optional<SessionInfo> find(String id) {
        if (!SessionIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(fetch(List.of(id)).get(id)).map(SessionInfo::of);
    }

    /**
     * Lists a user's live sessions from the index, dropping from it the IDs of sessions that ended: three
     * round trips at most (the index, the sessions pipelined, the removal of ended ones).
     */
    @Override
    public List<SessionInfo> sessionsOf(String principal) {
        List<SessionInfo> sessions = new ArrayList<>(live(principal).stream().map(SessionInfo::of).toList());
        sessions.sort(Comparator.comparingLong(SessionInfo::lastAccessedTime).reversed());
        return sessions;
    }

    @Override
    public int deleteAllOf(String principal) {
        int deleted = 0;
        for (SessionData session : live(principal)) {
            if (delete(session.id(), principal)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** @return whether reads can be served from the near cache now: it is on and every subscription stands */
    boolean isNearCacheServing() {
        NearCache cache = nearCache;
        return cache != null && cache.isServing();
    }

    /** Stops listening for keyspace events, then closes the client if this store created it. Idempotent. */
    @Override
    public synchronized void close() {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "RedisSessionStore[" + endpoint + ", prefix=" + keys.prefix() + "]";
    }

    /** Deletes a session, only if it belongs to {@code principal} unless that is empty, and unindexes it. */
    private boolean delete(String id, String principal) {
        String owner = deleteKey(id, principal);
        if (owner == null) {
            return false;
        }
        if (maxSessions > 0 && !owner.isEmpty()) {
            write(() -> {
                try (AbstractPipeline pipeline = client.pipelined()) {
                    pipeline.zrem(keys.userIndex(owner), id);
                    pipeline.zrem(keys.tenantSet(), id);
                    pipeline.sync();
                }
                return null;
            });
        } else if (maxSessions > 0) {
            write(() -> client.zrem(keys.tenantSet(), id));
        } else if (!owner.isEmpty()) {
            write(() -> client.zrem(keys.userIndex(owner), id));
        }
        return true;
    }

    /**
     * Deletes a session's key, only if it belongs to {@code principal} unless that is empty.
     *
     * @return the principal it had ("" for none), or null when nothing was deleted
     */
    private String deleteKey(String id, String principal) {
        Object reply = changing(id, () -> DELETE.run(client, List.of(keys.sessionBytes(id)), List.of(utf8(principal))));
        return reply == null ? null : new String((byte[]) reply, StandardCharsets.UTF_8);
    }

    /**
     * Puts a new or rotated session in the tenant's set, and for a new one beyond the cap evicts the least
     * recently used session of the sample the set names.
     */
    private void admit(String id, long created, String replaces, long now) {
        List<byte[]> args = List.of(utf8(Long.toString(now)), utf8(Long.toString(absoluteMillis())), utf8(id),
                utf8(Long.toString(created)), utf8(replaces == null ? "" : replaces),
                utf8(Long.toString(replaces == null ? maxSessions : 0)), utf8(Integer.toString(EVICTION_SAMPLE)),
                utf8(Integer.toString(ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE))));
        List<?> reply = (List<?>) write(() -> TENANT.run(client, List.of(utf8(keys.tenantSet())), args));
        if (reply.size() > 1) {
            evict(id, reply.subList(1, reply.size()));
        }
    }

    /**
     * Drops the sample's ended sessions from the tenant's set, then deletes its least recently used live
     * sessions for as long as the set is over the cap. The new session itself is never a candidate.
     */
    private void evict(String newId, List<?> sample) {
        List<String> ended = new ArrayList<>();
        List<String> wellFormed = new ArrayList<>();
        for (Object member : sample) {
            String id = new String((byte[]) member, StandardCharsets.UTF_8);
            if (!SessionIds.isWellFormed(id)) {
                ended.add(id); // not this store's: it can name no session
            } else if (!id.equals(newId)) {
                wellFormed.add(id);
            }
        }
        Map<String, Long> accessed = accessTimes(wellFormed);
        List<String> candidates = new ArrayList<>();
        for (String id : wellFormed) {
            (accessed.containsKey(id) ? candidates : ended).add(id);
        }
        candidates.sort(Comparator.comparingLong(accessed::get)); // stable: ties stay oldest first
        List<byte[]> args = new ArrayList<>();
        args.add(utf8(Long.toString(maxSessions)));
        args.add(utf8(Integer.toString(ended.size())));
        ended.forEach(id -> args.add(utf8(id)));
        candidates.forEach(id -> args.add(utf8(id)));
        List<?> claimed = (List<?>) write(() -> CLAIM.run(client, List.of(utf8(keys.tenantSet())), args));
        if (!claimed.isEmpty() && capReached.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, "The sessions of prefix '" + keys.prefix() + "' in " + endpoint
                    + " reached the cap of " + maxSessions + ": each new session now evicts the least recently"
                    + " used of a sample. Logged once.");
        }
        for (Object member : claimed) {
            String id = new String((byte[]) member, StandardCharsets.UTF_8);
            String owner = deleteKey(id, "");
            if (owner != null && !owner.isEmpty()) {
                write(() -> client.zrem(keys.userIndex(owner), id));
            }
        }
    }

    /** Last access of each session, without touching it, in one pipeline; sessions that cannot be read are left out. */
    private Map<String, Long> accessTimes(List<String> ids) {
        Map<String, Response<List<byte[]>>> replies = new LinkedHashMap<>();
        read(() -> {
            replies.clear();
            try (AbstractPipeline pipeline = client.pipelined()) {
                for (String id : ids) {
                    replies.put(id, pipeline.hmget(keys.sessionBytes(id), ACCESSED));
                }
                pipeline.sync();
            }
            return null;
        });
        Map<String, Long> accessed = new LinkedHashMap<>();
        replies.forEach((id, reply) -> {
            try {
                List<byte[]> fields = reply.get();
                Long time = fields.get(0) == null ? null : number(Keys.ACCESSED, fields.get(0));
                if (time != null) {
                    accessed.put(id, time);
                }
            } catch (JedisDataException wrongType) {
                // Not a hash: load treats it as no session, and so does the cap.
            }
        });
        return accessed;
    }

    /** Drops an expired session from the tenant's set; a failure only leaves it for a sample to find. */
    private void forgetExpired(String id) {
        try {
            client.zrem(keys.tenantSet(), id);
        } catch (JedisException e) {
            if (reportedProblems.add("tenant set")) {
                LOG.log(System.Logger.Level.WARNING, "Could not drop an expired session from " + keys.tenantSet()
                        + " in " + endpoint + " (" + e.getMessage() + "); such IDs are dropped when a new session"
                        + " beyond the cap samples them. Further failures are not logged.");
            }
        }
    }

    /**
     * Adds a session to its user's index, then keeps the index in bounds: beyond the per-user cap the
     * oldest logins are deleted; without a cap, IDs of ended sessions are dropped once the index grows.
     */
    private void index(String principal, String id, String replaces, long now) {
        Object size = write(() -> INDEX.run(client, List.of(utf8(keys.userIndex(principal))),
                List.of(utf8(Long.toString(now)), utf8(Long.toString(absoluteMillis())), utf8(id),
                        utf8(replaces == null ? "" : replaces))));
        int limit = maxSessionsPerUser > 0 ? maxSessionsPerUser : PRUNE_THRESHOLD;
        if ((Long) size <= limit) {
            return;
        }
        List<SessionData> sessions = live(principal);
        if (maxSessionsPerUser > 0) {
            int excess = sessions.size() - maxSessionsPerUser;
            for (SessionData oldest : sessions) {
                if (excess <= 0) {
                    break;
                }
                if (!oldest.id().equals(id) && delete(oldest.id(), principal)) {
                    excess--;
                }
            }
        }
    }

    /** A user's live sessions, oldest login first; drops ended sessions' IDs from the index. */
    private List<SessionData> live(String principal) {
        String index = keys.userIndex(principal);
        List<Tuple> members = read(() -> client.zrangeWithScores(index, 0, -1));
        if (members.isEmpty()) {
            return List.of();
        }
        Map<String, SessionData> found = fetch(members.stream().map(Tuple::getElement).toList());
        List<SessionData> live = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        for (Tuple member : members) {
            SessionData session = found.get(member.getElement());
            if (session != null && principal.equals(session.principal())) {
                live.add(session);
            } else {
                ended.add(member.getElement());
            }
        }
        if (!ended.isEmpty()) {
            write(() -> client.zrem(index, ended.toArray(String[]::new)));
        }
        return live;
    }

    /** Reads sessions without touching them, in one pipeline (one round trip per server involved). */
    private Map<String, SessionData> fetch(Iterable<String> ids) {
        Map<String, Response<Map<byte[], byte[]>>> replies = new LinkedHashMap<>();
        read(() -> {
            replies.clear();
            try (AbstractPipeline pipeline = client.pipelined()) {
                for (String id : ids) {
                    if (SessionIds.isWellFormed(id)) {
                        replies.put(id, pipeline.hgetAll(keys.sessionBytes(id)));
                    }
                }
                pipeline.sync();
            }
            return null;
        });
        Map<String, SessionData> sessions = new LinkedHashMap<>();
        replies.forEach((id, reply) -> {
            Map<byte[], byte[]> hash = hashOrNull(reply::get);
            SessionData session = hash == null || hash.isEmpty() ? null : decode(id, hash);
            if (session != null) {
                sessions.put(id, session);
            }
        });
        return sessions;
    }

    /** Turns a session hash into a session, or null (logged) when it cannot be read. */
    private SessionData decode(String id, Map<byte[], byte[]> hash) {
        Long created = null;
        Long accessed = null;
        Long maxInactive = null;
        String principal = null;
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        for (Map.Entry<byte[], byte[]> entry : hash.entrySet()) {
            String field = new String(entry.getKey(), StandardCharsets.UTF_8);
            byte[] value = entry.getValue();
            switch (field) {
                case Keys.CREATED -> created = number(field, value);
                case Keys.ACCESSED -> accessed = number(field, value);
                case Keys.MAX_INACTIVE -> maxInactive = number(field, value);
                case Keys.PRINCIPAL -> principal = new String(value, StandardCharsets.UTF_8);
                default -> {
                    // Fields of neither kind are left for whoever wrote them.
                    if (field.startsWith(Keys.ATTRIBUTE)) {
                        attributes.put(field.substring(Keys.ATTRIBUTE.length()), value);
                    }
                }
            }
        }
        if (created == null || accessed == null || maxInactive == null) {
            problem("a session hash lacks " + Keys.CREATED + ", " + Keys.ACCESSED + " or " + Keys.MAX_INACTIVE
                    + ", or one of them is not a whole number");
            return null;
        }
        if (maxInactive < Integer.MIN_VALUE || maxInactive > Integer.MAX_VALUE) {
            problem("a session's " + Keys.MAX_INACTIVE + " is out of range");
            return null;
        }
        return new SessionData(id, created, accessed, maxInactive.intValue(), principal, attributes);
    }

    private static Long number(String field, byte[] value) {
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void problem(String cause) {
        if (reportedProblems.add(cause)) {
            LOG.log(System.Logger.Level.WARNING, "Unreadable session data in " + endpoint + " (" + cause
                    + "); such sessions are treated as absent. Further occurrences of this problem are not logged.");
        }
    }

    private void configureKeyspaceNotifications() {
        String wanted = nearCacheSize > 0 ? "E" + NEAR_CACHE_EVENTS : EXPIRY_EVENTS;
        try {
            for (Nodes.Node node : nodes.masters()) {
                String flags = node.config("GET", NOTIFY_KEYSPACE_EVENTS);
                String missing = missingEvents(flags, wanted);
                if (!missing.isEmpty()) {
                    node.config("SET", NOTIFY_KEYSPACE_EVENTS, flags + missing);
                }
            }
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not turn on keyspace notifications on " + endpoint + ": "
                    + e.getMessage() + ". Expired sessions will not be reported until you run"
                    + " CONFIG SET notify-keyspace-events " + wanted + " on every master (or set it in redis.conf).");
        }
    }

    /**
     * The near cache may serve only if every change to a session key is announced: keyspace events
     * ({@code K}) of generic, hash, expired and evicted commands ({@code g h x e}, or {@code A}).
     */
    private boolean nearCacheNotified() {
        try {
            for (Nodes.Node node : nodes.masters()) {
                String flags = node.config("GET", NOTIFY_KEYSPACE_EVENTS);
                if (!missingEvents(flags, NEAR_CACHE_EVENTS).isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, "The near cache is off: " + node.name() + " of " + endpoint
                            + " has notify-keyspace-events '" + flags + "', which does not announce every change to"
                            + " a session. Set it to include K, g, h, x and e (CONFIG SET notify-keyspace-events"
                            + " E" + NEAR_CACHE_EVENTS + ", or configureKeyspaceNotifications(true)).");
                    return false;
                }
            }
            return true;
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "The near cache is off: cannot read notify-keyspace-events from "
                    + endpoint + " (" + e.getMessage() + "), so cannot tell that every change to a session is announced.");
            return false;
        }
    }

    /**
     * @return the flags of {@code wanted} that a {@code notify-keyspace-events} setting lacks; {@code A}
     *         stands for every event type (all but the channel flags {@code E} and {@code K})
     */
    private static String missingEvents(String flags, String wanted) {
        StringBuilder missing = new StringBuilder();
        for (char flag : wanted.toCharArray()) {
            boolean coveredByAll = flag != 'E' && flag != 'K' && flags.indexOf('A') >= 0;
            if (flags.indexOf(flag) < 0 && !coveredByAll) {
                missing.append(flag);
            }
        }
        return missing.toString();
    }

    private long absoluteMillis() {
        return context.absoluteTimeout().toMillis();
    }

    /**
     * Runs a read. A connection that broke while idle in the pool (Redis restarted) fails only when used,
     * so a read that failed that way is tried once more on a fresh connection; reads are safe to repeat.
     */
    private <T> T read(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (JedisConnectionException e) {
            if (isTimeout(e)) {
                throw translate(e);
            }
            try {
                return operation.get();
            } catch (JedisException again) {
                throw translate(again);
            }
        } catch (JedisException e) {
            throw translate(e);
        }
    }

    /**
     * Runs a write to one session's key and, whether or not it succeeded, drops the session from the near
     * cache at once: this instance reads its own writes without waiting for the notification.
     */
    private Object changing(String id, Supplier<Object> operation) {
        try {
            return write(operation);
        } finally {
            forget(id);
        }
    }

    private void forget(String id) {
        NearCache cache = nearCache;
        if (cache != null) {
            cache.invalidate(id);
        }
    }

    /** Runs a write once: repeating one whose reply was lost could report a saved session as gone. */
    private <T> T write(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (JedisException e) {
            throw translate(e);
        }
    }

    private SessionException translate(JedisException e) {
        return translate(e, endpoint);
    }

    static SessionException translate(JedisException e, String endpoint) {
        boolean unavailable = e instanceof JedisConnectionException
                || e instanceof JedisClusterOperationException
                || e.getCause() instanceof NoSuchElementException // the pool had no free connection in time
                || (e instanceof JedisDataException && e.getMessage() != null
                        && UNAVAILABLE_REPLIES.stream().anyMatch(e.getMessage()::startsWith));
        if (unavailable) {
            return new SessionStoreUnavailableException(endpoint + " is unavailable: " + e.getMessage(), e);
        }
        return new SessionException(endpoint + " refused a session command: " + e.getMessage()
                + " (the store's Redis user needs EVALSHA, EVAL, SCAN, HGETALL, ZRANGE, ZREM, HMGET with a session"
                + " cap, and, for expiry events, PSUBSCRIBE on its keys)", e);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String requireWellFormed(String id) {
        if (!SessionIds.isWellFormed(id)) {
            throw new IllegalArgumentException("not a session ID from SessionIds (51 base64url characters)");
        }
        return id;
    }

    private static List<byte[]> args(long... values) {
        List<byte[]> args = new ArrayList<>(values.length);
        for (long value : values) {
            args.add(utf8(Long.toString(value)));
        }
        return args;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Configures a {@link RedisSessionStore}. Not thread-safe; build once. Choose where Redis is with exactly
     * one of {@link #client}, {@link #uri}, {@link #cluster} or {@link #sentinel}.
     */
    public static final class Builder {
        private UnifiedJedis client;
        private URI uri;
        private Set<HostAndPort> clusterNodes;
        private String sentinelMaster;
        private Set<HostAndPort> sentinels;
        private String user;
        private String password;
        private boolean tls;
        private String keyPrefix = "sessionkit:";
        private Duration timeout = Duration.ofSeconds(2);
        private int poolSize = 16;
        private int maxSessionsPerUser;
        private long maxSessions;
        private boolean expiryEvents = true;
        private boolean configureKeyspaceNotifications;
        private int nearCacheSize;
        private Duration nearCacheMaxAge = Duration.ofSeconds(5);

        private Builder() {
        }

        /**
         * Uses a client the application made: {@code RedisClient}, {@code RedisSentinelClient},
         * {@code RedisClusterClient} (or the older {@code JedisPooled}, {@code JedisSentineled},
         * {@code JedisCluster}). The application keeps ownership: {@link RedisSessionStore#close()} leaves it
         * open. Timeouts and pool size are the client's own.
         *
         * @param client a client, not null
         * @return this builder
         */
        public Builder client(UnifiedJedis client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Connects to one server, or to a primary behind a load balancer or proxy.
         *
         * @param uri {@code redis://[user:password@]host[:port][/database]}, or {@code rediss://...} for TLS
         * @return this builder
         * @throws IllegalArgumentException when the URI is not a redis or rediss URI with a host
         */
        public Builder uri(String uri) {
            URI parsed;
            try {
                parsed = new URI(Objects.requireNonNull(uri, "uri"));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not a URI: " + e.getMessage());
            }
            if (!(JedisURIHelper.isRedisScheme(parsed) || JedisURIHelper.isRedisSSLScheme(parsed)) || parsed.getHost() == null) {
                throw new IllegalArgumentException("must look like redis://host:6379 or rediss://host:6380, was '"
                        + parsed.getScheme() + "://" + parsed.getHost() + "...'");
            }
            this.uri = parsed;
            return this;
        }

        /**
         * Connects to a Redis Cluster; the client discovers the other nodes from these.
         *
         * @param nodes one or more nodes of the cluster
         * @return this builder
         */
        public Builder cluster(Set<HostAndPort> nodes) {
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("cluster needs at least one node");
            }
            this.clusterNodes = Set.copyOf(nodes);
            return this;
        }

        /**
         * Connects to the primary that Redis Sentinel names, following failovers.
         *
         * @param master    the name the sentinels monitor the primary under
         * @param sentinels one or more sentinels
         * @return this builder
         */
        public Builder sentinel(String master, Set<HostAndPort> sentinels) {
            if (Objects.requireNonNull(master, "master").isBlank() || sentinels.isEmpty()) {
                throw new IllegalArgumentException("sentinel needs a master name and at least one sentinel");
            }
            this.sentinelMaster = master;
            this.sentinels = Set.copyOf(sentinels);
            return this;
        }

        /**
         * ACL user and password for {@link #cluster} and {@link #sentinel} data nodes (a URI carries its own).
         *
         * @param user     the ACL user, or null for the default user
         * @param password the password, not null
         * @return this builder
         */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * TLS for {@link #cluster} and {@link #sentinel} (a URI says it with {@code rediss://}).
         *
         * @param tls true to connect with TLS, verified by the JVM's default trust store
         * @return this builder
         */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /**
         * @param prefix start of every key this store writes; default {@code sessionkit:}. Applications
         *               sharing a Redis server must use distinct prefixes. No braces: they would take the
         *               place of the Cluster hash tag.
         * @return this builder
         */
        public Builder keyPrefix(String prefix) {
            new Keys(Objects.requireNonNull(prefix, "prefix"));
            this.keyPrefix = prefix;
            return this;
        }

        /**
         * @param timeout connect and read timeout, and the longest wait for a pooled connection; default 2 s
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("timeout must be positive and under 24 days, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param size most connections per server for requests; default 16. One more per server is kept for
         *             expiry events.
         * @return this builder
         */
        public Builder poolSize(int size) {
            if (size <= 0) {
                throw new IllegalArgumentException("poolSize must be positive, was " + size);
            }
            this.poolSize = size;
            return this;
        }

        /**
         * @param max most sessions one user may have; a login beyond it deletes that user's oldest logins.
         *            0 (the default) for no limit.
         * @return this builder
         */
        public Builder maxSessionsPerUser(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxSessionsPerUser must be 0 (no limit) or more, was " + max);
            }
            this.maxSessionsPerUser = max;
            return this;
        }

        /**
         * Caps the live sessions of this store's key prefix, however many application instances share it;
         * see the class description for how the cap is kept and what it costs. Give every instance of one
         * prefix the same cap.
         *
         * @param max most sessions of this prefix; a new session beyond it evicts the least recently used of
         *            a sample. 0 (the default) for no cap, which costs nothing: no extra key or command.
         * @return this builder
         */
        public Builder maxSessions(long max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxSessions must be 0 (no limit) or more, was " + max);
            }
            this.maxSessions = max;
            return this;
        }

        /**
         * @param enabled subscribe to Redis' expired-key events from {@code start} on; default true
         * @return this builder
         */
        public Builder expiryEvents(boolean enabled) {
            this.expiryEvents = enabled;
            return this;
        }

        /**
         * @param configure on {@code start}, add {@code Ex} (with the near cache {@code EKghxe}) to each master's
         *                  {@code notify-keyspace-events} with CONFIG SET; default false (set it in redis.conf
         *                  instead)
         * @return this builder
         */
        public Builder configureKeyspaceNotifications(boolean configure) {
            this.configureKeyspaceNotifications = configure;
            return this;
        }

        /**
         * Keeps up to {@code maxSessions} recently read sessions in this JVM and serves reads of them with no
         * round trip, until Redis announces a change to their key. Off by default. What it costs:
         * <ul>
         *   <li>A change made by another instance (a save, a logout, "log out everywhere") reaches this
         *       instance's reads when its keyspace notification arrives, not at once: usually well under a
         *       millisecond later. This instance's own changes apply to its reads at once.</li>
         *   <li>Every master must announce changes: {@code notify-keyspace-events} must include {@code K},
         *       {@code g}, {@code h}, {@code x} and {@code e} (or {@code KA}); {@code start} checks, and
         *       leaves the cache off with a warning when it cannot tell. Redis then publishes an event for
         *       every write to any key, which costs it some CPU.</li>
         *   <li>One connection per master listens; while one is lost the cache serves nothing.</li>
         *   <li>An entry is served at most {@link #nearCacheMaxAge} after it was read, which bounds the harm
         *       of a notification lost without the connection failing. Cluster nodes that join are
         *       followed (see {@link RedisSessionStore}'s expiry events).</li>
         * </ul>
         *
         * @param maxSessions sessions kept, beyond which arbitrary ones make room; 0 turns the cache off
         * @return this builder
         */
        public Builder nearCache(int maxSessions) {
            if (maxSessions < 0) {
                throw new IllegalArgumentException("redis.near-cache must not be negative, was " + maxSessions);
            }
            this.nearCacheSize = maxSessions;
            return this;
        }

        /**
         * @param maxAge longest a near-cached session is served after it was read from Redis; default 5 s
         * @return this builder
         */
        public Builder nearCacheMaxAge(Duration maxAge) {
            if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("redis.near-cache.max-age must be positive, was " + maxAge);
            }
            this.nearCacheMaxAge = maxAge;
            return this;
        }

        /**
         * @return the store; for {@code cluster} and {@code sentinel} the client has already asked for the
         *         topology
         * @throws IllegalStateException            when not exactly one of client, uri, cluster or sentinel
         *                                          was chosen, or credentials/TLS were set with client or uri
         * @throws SessionStoreUnavailableException when a Cluster or the sentinels cannot be reached
         */
        public RedisSessionStore build() {
            int targets = (client != null ? 1 : 0) + (uri != null ? 1 : 0) + (clusterNodes != null ? 1 : 0)
                    + (sentinelMaster != null ? 1 : 0);
            if (targets != 1) {
                throw new IllegalStateException("Choose exactly one of client(...), uri(...), cluster(...) or sentinel(...)");
            }
            if ((client != null || uri != null) && (password != null || tls)) {
                throw new IllegalStateException("credentials(...) and tls(...) apply to cluster(...) and sentinel(...);"
                        + " a URI carries its own (redis://user:password@host, rediss:// for TLS)");
            }
            if (client != null) {
                return new RedisSessionStore(this, client, false, null);
            }
            ConnectionPoolConfig pool = new ConnectionPoolConfig();
            pool.setMaxTotal(poolSize + 1);
            pool.setMaxIdle(poolSize + 1);
            pool.setMaxWait(timeout);
            int millis = (int) timeout.toMillis();
            DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(millis).socketTimeoutMillis(millis).clientName("sessionkit");
            try {
                if (uri != null) {
                    config.user(JedisURIHelper.getUser(uri)).password(JedisURIHelper.getPassword(uri))
                            .database(JedisURIHelper.getDBIndex(uri));
                    if (JedisURIHelper.isRedisSSLScheme(uri)) {
                        config.sslOptions(SslOptions.defaults());
                    }
                    HostAndPort server = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
                    RedisClient redis = RedisClient.builder().hostAndPort(server).clientConfig(config.build())
                            .poolConfig(pool).build();
                    return new RedisSessionStore(this, redis, true, "Redis at " + server);
                }
                config.user(user).password(password);
                if (tls) {
                    config.sslOptions(SslOptions.defaults());
                }
                if (clusterNodes != null) {
                    String endpoint = "Redis Cluster " + clusterNodes;
                    // The topology refresh lets the store see nodes that join before a command is redirected to
                    // one, so their keyspace events are heard (expiry, near cache).
                    RedisClusterClient redis = RedisClusterClient.builder().nodes(clusterNodes).clientConfig(config.build())
                            .poolConfig(pool).maxTotalRetriesDuration(timeout.multipliedBy(2))
                            .topologyRefreshPeriod(TOPOLOGY_REFRESH).build();
                    return new RedisSessionStore(this, redis, true, endpoint);
                }
                String endpoint = "Redis master '" + sentinelMaster + "' via sentinels " + sentinels;
                DefaultJedisClientConfig.Builder sentinelConfig = DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(millis).socketTimeoutMillis(millis);
                if (tls) {
                    sentinelConfig.sslOptions(SslOptions.defaults());
                }
                RedisSentinelClient redis = RedisSentinelClient.builder().masterName(sentinelMaster).sentinels(sentinels)
                        .clientConfig(config.build()).sentinelClientConfig(sentinelConfig.build()).poolConfig(pool).build();
                return new RedisSessionStore(this, redis, true, endpoint);
            } catch (JedisException e) {
                throw translate(e, uri != null ? "Redis at " + uri.getHost() : clusterNodes != null
                        ? "Redis Cluster " + clusterNodes : "Redis sentinels " + sentinels);
            }
        }
    }
}
