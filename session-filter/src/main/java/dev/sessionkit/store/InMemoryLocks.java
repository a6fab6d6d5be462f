package dev.sessionkit.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory store's per-session locks: the held locks in maps guarded by 64 monitors, one chosen by the
 * lineage, so a release wakes only the waiters of its stripe. A released lock's entry is removed, and the
 * sweeper drops lapsed ones, so the maps hold only locks in use. Waiters are not served in arrival order.
 * Times are {@link System#nanoTime}, which no clock change moves. Thread-safe.
 */
final class InMemoryLocks implements SessionLocks {

    private static final int STRIPES = 64;

    private final Stripe[] stripes = new Stripe[STRIPES];

    InMemoryLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    @Override
    public boolean acquire(String lineage, String owner, Duration expiry, Duration wait) {
        Stripe stripe = stripe(lineage);
        long start = System.nanoTime();
        synchronized (stripe) {
            while (true) {
                long now = System.nanoTime();
                Holder holder = stripe.held.get(lineage);
                if (holder == null || now - holder.lapsesAt >= 0) {
                    stripe.held.put(lineage, new Holder(owner, now + expiry.toNanos()));
                    return true;
                }
                long left = wait.toNanos() - (now - start);
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(stripe, Math.min(left, holder.lapsesAt - now));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    @Override
    public void release(String lineage, String owner) {
        Stripe stripe = stripe(lineage);
        synchronized (stripe) {
            Holder holder = stripe.held.get(lineage);
            if (holder != null && holder.owner.equals(owner)) {
                stripe.held.remove(lineage);
                stripe.notifyAll();
            }
        }
    }

    /** Drops the locks whose holders never released them and whose expiry has passed. */
    void dropLapsed() {
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                long now = System.nanoTime();
                stripe.held.values().removeIf(holder -> now - holder.lapsesAt >= 0);
            }
        }
    }

    /** @return how many locks are held or lapsed and not yet dropped */
    int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                size += stripe.held.size();
            }
        }
        return size;
    }

    private Stripe stripe(String lineage) {
        return stripes[Math.floorMod(lineage.hashCode(), STRIPES)];
    }

    private static final class Stripe {
        final Map<String, Holder> held = new HashMap<>();
    }

    private record Holder(String owner, long lapsesAt) {
    }
}
