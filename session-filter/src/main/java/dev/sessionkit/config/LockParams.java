package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InitParams;

import java.util.List;

/** The init-params of per-session request ordering: {@code lock} and the three that tune it. */
final class LockParams {

    static final String LOCK = "lock";
    static final List<String> TUNING = List.of("lock.wait", "lock.expiry", "lock.busy-status");

    private LockParams() {
    }

    /**
     * @return the lock settings, or null when {@code lock} is not true
     * @throws SessionException when a tuning parameter is set while {@code lock} is not true
     */
    static SessionLock read(InitParams params) {
        boolean[] on = {false};
        params.bool(LOCK, value -> on[0] = value);
        if (!on[0]) {
            for (String name : TUNING) {
                if (params.get(name) != null) {
                    throw new SessionException(name + " is set, but lock is not true: set lock=true to order each"
                            + " session's requests, or remove " + name);
                }
            }
            return null;
        }
        SessionLock[] lock = {SessionLock.DEFAULTS};
        params.duration("lock.wait", wait -> lock[0] = lock[0].withMaxWait(wait));
        params.duration("lock.expiry", expiry -> lock[0] = lock[0].withExpiry(expiry));
        params.integer("lock.busy-status", status -> lock[0] = lock[0].withBusyStatus(status));
        return lock[0];
    }
}
