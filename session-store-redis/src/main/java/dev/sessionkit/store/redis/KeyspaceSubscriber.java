package dev.sessionkit.store.redis;

import redis.clients.jedis.JedisPubSub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Listens to Redis' keyspace notifications on each server, one daemon thread and connection per server:
 * expired-key events, whose session IDs go to the expiry listener, and, for the {@link NearCache}, every
 * change to this store's session keys, which invalidates the cached session.
 *
 * <p>A lost connection (Redis restarted, failed over) is retried with a backoff from 100 ms doubling to
 * 5 s, for as long as the store is open. Events that fire while no subscription stands are lost: Redis
 * does not keep them. Thread-safe.
 */
final class KeyspaceSubscriber {

    private static final System.Logger LOG = System.getLogger(KeyspaceSubscriber.class.getName());
    private static final String EXPIRED = "__keyevent@*__:expired";
    private static final String KEYSPACE_CHANNEL = "__keyspace@*__:";
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long JOIN_MILLIS = 2_000;

    private final Keys keys;
    private final Consumer<String> listener;
    private final NearCache cache;
    private final String[] patterns;
    private final String endpoint;
    private final List<Worker> workers = new ArrayList<>();
    /** Counted down by close(): ends backoff waits. Interrupts are never used, see {@link Worker#stop()}. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * @param listener told the ID of each expired session, or null for no expiry events
     * @param cache    invalidated on each change to a session key, or null for no near cache
     */
    KeyspaceSubscriber(List<Nodes.Node> nodes, Keys keys, Consumer<String> listener, NearCache cache, String endpoint) {
        this.keys = keys;
        this.listener = listener;
        this.cache = cache;
        List<String> wanted = new ArrayList<>();
        if (listener != null) {
            wanted.add(EXPIRED);
        }
        if (cache != null) {
            wanted.add(KEYSPACE_CHANNEL + keys.sessionPattern());
        }
        this.patterns = wanted.toArray(String[]::new);
        this.endpoint = endpoint;
        for (Nodes.Node node : nodes) {
            Worker worker = new Worker(node);
            workers.add(worker);
            worker.thread.start();
        }
    }

    /** Ends every subscription and waits briefly for the threads; they are daemons, so none keeps the JVM up. */
    void close() {
        running = false;
        closed.countDown();
        for (Worker worker : workers) {
            worker.stop();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Worker worker : workers) {
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

        Worker(Nodes.Node node) {
            this.node = node;
            this.thread = new Thread(this, "sessionkit-redis-keyspace-" + node.name());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            long backoff = FIRST_BACKOFF_MILLIS;
            boolean recovering = false;
            while (running) {
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
                if (!running) {
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
                if (!running) {
                    // close() ran while this subscription was being set up, so it may not have ended it.
                    end();
                } else if (recovering) {
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
                } else {
                    String id = keys.idOf(channel.substring(channel.indexOf("__:") + 3));
                    if (id != null) {
                        cache.invalidate(id);
                    }
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
