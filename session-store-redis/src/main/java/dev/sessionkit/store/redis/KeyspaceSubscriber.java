package dev.sessionkit.store.redis;

import redis.clients.jedis.JedisPubSub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Listens to Redis' keyspace notifications on each server, one daemon thread and connection per server:
 * expired-key events, whose session IDs go to the expiry listener, and, for the {@link NearCache}, every
 * change to this store's session keys, which invalidates the cached session.
 *
 * <p>A lost connection (Redis restarted, failed over) is retried with a backoff from 100 ms doubling to
 * 5 s, for as long as the store is open. Events that fire while no subscription stands are lost: Redis
 * does not keep them. On Cluster a watcher thread follows the client's view of the topology every
 * second: a node that joins gets a subscription (and the near cache serves nothing until it stands), a
 * node that leaves loses its own.
 *
 * <p>Redis forgets a {@code notify-keyspace-events} set with CONFIG SET when it restarts, and a subscription
 * stands without it, hearing nothing. So each server's setting is checked (and, when configuring, set
 * again) as each subscription starts and every {@value #SETTINGS_CHECK_MILLIS} ms; the near cache serves
 * only while every server's is confirmed. Thread-safe.
 */
final class KeyspaceSubscriber {

    private static final System.Logger LOG = System.getLogger(KeyspaceSubscriber.class.getName());
    private static final String EXPIRED = "__keyevent@*__:expired";
    private static final String KEYSPACE_CHANNEL = "__keyspace@*__:";
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long JOIN_MILLIS = 2_000;
    private static final long TOPOLOGY_CHECK_MILLIS = 1_000;
    private static final long SETTINGS_CHECK_MILLIS = 2_000;

    private final Keys keys;
    private final Consumer<String> listener;
    private final NearCache cache;
    /** Null unless this instance marks its own writes, which its cache then keeps. */
    private final WriteMarkers markers;
    private final String markerPattern;
    private final String[] patterns;
    private final String endpoint;
    private final Supplier<List<Nodes.Node>> topology;
    private final boolean follow;
    private final KeyspaceNotifications notifications;
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    /** Counted down by close(): ends backoff waits. Interrupts are never used, see {@link Worker#stop()}. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * @param topology the servers to subscribe on, asked again every second when {@code follow} is set
     * @param follow   whether the topology can change (Cluster)
     * @param listener told the ID of each expired session, or null for no expiry events
     * @param cache    invalidated on each change to a session key, or null for no near cache
     * @param markers  with a cache: tells the events of this instance's own writes, which invalidate nothing;
     *                 null to have every change invalidate
     * @param notifications checks each server's setting, when {@link KeyspaceNotifications#watched watched}
     */
    KeyspaceSubscriber(Supplier<List<Nodes.Node>> topology, boolean follow, Keys keys, Consumer<String> listener,
                       NearCache cache, WriteMarkers markers, KeyspaceNotifications notifications, String endpoint) {
        this.topology = topology;
        this.follow = follow;
        this.notifications = notifications;
        this.keys = keys;
        this.listener = listener;
        this.cache = cache;
        this.markers = cache != null ? markers : null;
        this.markerPattern = this.markers != null ? Keys.literal(this.markers.channel()) : null;
        List<String> wanted = new ArrayList<>();
        if (listener != null) {
            wanted.add(EXPIRED);
        }
        if (cache != null) {
            wanted.add(KEYSPACE_CHANNEL + keys.sessionPattern());
        }
        if (markerPattern != null) {
            wanted.add(markerPattern);
        }
        this.patterns = wanted.toArray(String[]::new);
        this.endpoint = endpoint;
        follow();
        if (follow || notifications.watched()) {
            Thread watcher = new Thread(this::watch, "sessionkit-redis-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private void watch() {
        long nextSettingsCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTINGS_CHECK_MILLIS);
        try {
            while (!closed.await(TOPOLOGY_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (follow) {
                    follow();
                }
                if (notifications.watched() && System.nanoTime() - nextSettingsCheck >= 0) {
                    nextSettingsCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTINGS_CHECK_MILLIS);
                    workers.values().forEach(Worker::checkSettings);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Stopped watching " + endpoint + ": keyspace events of nodes"
                    + " that join are not heard, and lost notify-keyspace-events settings go unnoticed", e);
        }
    }

    /** Subscribes on servers that joined and retires the subscriptions of servers that left. */
    private synchronized void follow() {
        if (!running) {
            return;
        }
        Map<String, Nodes.Node> current = new LinkedHashMap<>();
        topology.get().forEach(node -> current.put(node.name(), node));
        if (cache != null) {
            cache.expect(current.keySet());
        }
        workers.keySet().removeIf(name -> {
            if (current.containsKey(name)) {
                return false;
            }
            workers.get(name).retire();
            return true;
        });
        current.forEach((name, node) -> workers.computeIfAbsent(name, n -> {
            Worker worker = new Worker(node);
            worker.thread.start();
            return worker;
        }));
    }

    /** Ends every subscription and waits briefly for the threads; they are daemons, so none keeps the JVM up. */
    void close() {
        running = false;
        closed.countDown();
        for (Worker worker : workers.values()) {
            worker.stop();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Worker worker : workers.values()) {
            try {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                worker.thread.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Worker implements Runnable {
        private final Nodes.Node node;
        private final Thread thread;
        private volatile Subscription current;
        private volatile boolean retired;

        Worker(Nodes.Node node) {
            this.node = node;
            this.thread = new Thread(this, "sessionkit-redis-keyspace-" + node.name());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            long backoff = FIRST_BACKOFF_MILLIS;
            boolean recovering = false;
            while (running && !retired) {
                Subscription subscription = new Subscription(recovering);
                current = subscription;
                String failure;
                try {
                    node.psubscribe(subscription, patterns);
                    failure = "the server ended it";
                } catch (RuntimeException e) {
                    failure = e.getMessage();
                }
                if (cache != null) {
                    cache.unsubscribed(node.name());
                }
                if (!running || retired) {
                    return;
                }
                if (subscription.confirmed) {
                    backoff = FIRST_BACKOFF_MILLIS;
                }
                // Logged once per outage: when a standing subscription breaks, or the first one cannot start.
                if (subscription.confirmed || !recovering) {
                    LOG.log(System.Logger.Level.WARNING, "No keyspace-event subscription to " + endpoint + " ("
                            + node.name() + "), retrying until it is back" + (cache != null
                            ? " (the near cache serves nothing meanwhile)" : "") + ": " + failure);
                }
                recovering = true;
                try {
                    if (closed.await(backoff, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }

        /**
         * Checks the server's setting while the subscription stands, and tells the near cache whether it may
         * serve what this server holds.
         */
        void checkSettings() {
            Subscription subscription = current;
            if (subscription == null || !subscription.confirmed || !running || retired) {
                return;
            }
            boolean announces = notifications.ensure(node);
            if (cache != null && subscription == current && subscription.isSubscribed()) {
                cache.announces(node.name(), announces);
            }
        }

        /** Ends this subscription for good: its server left the topology. */
        void retire() {
            retired = true;
            stop();
        }

        void stop() {
            Subscription subscription = current;
            if (subscription != null && subscription.isSubscribed()) {
                try {
                    subscription.end();
                } catch (RuntimeException connectionAlreadyGone) {
                    // The thread is failing on its own and sees that the store is closed.
                }
            }
            // No Thread.interrupt(): Jedis would stop reading replies at once, and hand the connection back
            // to the pool with the PUNSUBSCRIBE reply unread in it.
        }

        private final class Subscription extends JedisPubSub {
            private final boolean recovering;
            private final AtomicBoolean ended = new AtomicBoolean();
            private volatile boolean confirmed;
            /** The session whose write by this instance is between its two markers; only the thread reads it. */
            private String ownWrite;

            Subscription(boolean recovering) {
                this.recovering = recovering;
            }

            @Override
            public void onPSubscribe(String pattern, int subscribedChannels) {
                if (subscribedChannels < patterns.length) {
                    return;
                }
                confirmed = true;
                if (cache != null) {
                    cache.subscribed(node.name());
                }
                if (!running || retired) {
                    // close() or retire() ran while this subscription was being set up, so it may not have ended it.
                    end();
                    return;
                }
                // After the subscription stands, so every change from the confirmed setting on is heard.
                if (notifications.watched()) {
                    checkSettings();
                }
                if (recovering) {
                    LOG.log(System.Logger.Level.INFO, "Keyspace-event subscription to " + endpoint + " (" + node.name() + ") is back");
                }
            }

            /**
             * Sends PUNSUBSCRIBE once. The connection goes back to the client's pool when the subscription
             * ends; a second PUNSUBSCRIBE would leave its reply unread there for the next command to trip on.
             */
            void end() {
                if (ended.compareAndSet(false, true)) {
                    punsubscribe();
                }
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                if (pattern.equals(EXPIRED)) {
                    expired(message);
                } else if (pattern.equals(markerPattern)) {
                    marked(message);
                } else {
                    String id = keys.idOf(channel.substring(channel.indexOf("__:") + 3));
                    // This instance applied its own write to its entry already; all else invalidates. A script
                    // touches one session key, so another key's event closes a bracket left open (a killed script).
                    if (id != null && !id.equals(ownWrite)) {
                        ownWrite = null;
                        cache.invalidate(id);
                    }
                }
            }

            private void marked(String message) {
                String begun = markers.ownBegun(message);
                if (begun != null) {
                    ownWrite = begun;
                } else if (markers.ownEnded(message)) {
                    ownWrite = null;
                }
            }

            private void expired(String key) {
                String id = keys.idOf(key);
                if (id == null) {
                    return;
                }
                try {
                    listener.accept(id);
                } catch (RuntimeException e) {
                    // One failing listener call must not end the subscription for every later expiry.
                    LOG.log(System.Logger.Level.WARNING, "The session expiry listener failed", e);
                }
            }
        }
    }
}
