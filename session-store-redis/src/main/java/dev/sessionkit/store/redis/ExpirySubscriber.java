package dev.sessionkit.store.redis;

import redis.clients.jedis.JedisPubSub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Listens for Redis' expired-key events on each server, one daemon thread per server, and passes the IDs
 * of this store's sessions to the expiry listener.
 *
 * <p>A lost connection (Redis restarted, failed over) is retried with a backoff from 100 ms doubling to
 * 5 s, for as long as the store is open. Events that fire while no subscription stands are lost: Redis
 * does not keep them. Thread-safe.
 */
final class ExpirySubscriber {

    private static final System.Logger LOG = System.getLogger(ExpirySubscriber.class.getName());
    private static final String PATTERN = "__keyevent@*__:expired";
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long JOIN_MILLIS = 2_000;

    private final Keys keys;
    private final Consumer<String> listener;
    private final String endpoint;
    private final List<Worker> workers = new ArrayList<>();
    /** Counted down by close(): ends backoff waits. Interrupts are never used, see {@link Worker#stop()}. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;

    ExpirySubscriber(List<Nodes.Node> nodes, Keys keys, Consumer<String> listener, String endpoint) {
        this.keys = keys;
        this.listener = listener;
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
            this.thread = new Thread(this, "sessionkit-redis-expiry-" + node.name());
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
                    node.psubscribe(subscription, PATTERN);
                    failure = "the server ended it";
                } catch (RuntimeException e) {
                    failure = e.getMessage();
                }
                if (!running) {
                    return;
                }
                if (subscription.confirmed) {
                    backoff = FIRST_BACKOFF_MILLIS;
                }
                // Logged once per outage: when a standing subscription breaks, or the first one cannot start.
                if (subscription.confirmed || !recovering) {
                    LOG.log(System.Logger.Level.WARNING, "No expiry-event subscription to " + endpoint + " ("
                            + node.name() + "), retrying until it is back: " + failure);
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
                confirmed = true;
                if (!running) {
                    // close() ran while this subscription was being set up, so it may not have ended it.
                    end();
                } else if (recovering) {
                    LOG.log(System.Logger.Level.INFO, "Expiry-event subscription to " + endpoint + " (" + node.name() + ") is back");
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
            public void onPMessage(String pattern, String channel, String key) {
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
