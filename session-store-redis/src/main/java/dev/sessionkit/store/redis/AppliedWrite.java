package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the save and touch scripts make of a session hash, computed in the JVM from the session as the near
 * cache holds it, so the writing instance can keep its entry instead of reading the session back. Both are
 * idempotent, as the scripts are: applying a write to a session that already holds it changes nothing.
 */
final class AppliedWrite {

    private AppliedWrite() {
    }

    /** {@code save.lua} on an existing session: the access unless older, the metadata when changed, the delta. */
    static SessionData saved(SessionData cached, SessionData session, SessionChanges changes) {
        Map<String, byte[]> attributes = new LinkedHashMap<>(cached.attributes());
        changes.set().forEach(name -> attributes.put(name, session.attributes().get(name)));
        changes.removed().forEach(attributes::remove);
        boolean metadata = changes.metadataChanged();
        return new SessionData(cached.id(), cached.creationTime(),
                Math.max(cached.lastAccessedTime(), session.lastAccessedTime()),
                metadata ? session.maxInactiveSeconds() : cached.maxInactiveSeconds(),
                metadata ? session.principal() : cached.principal(), attributes);
    }

    /** {@code save.lua} on a new session: its metadata and the attributes the save names. */
    static SessionData created(SessionData session, SessionChanges changes) {
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        changes.set().forEach(name -> attributes.put(name, session.attributes().get(name)));
        return new SessionData(session.id(), session.creationTime(), session.lastAccessedTime(),
                session.maxInactiveSeconds(), session.principal(), attributes);
    }

    /** {@code touch.lua} when it recorded an access: the access at {@code now}, unless the session's is newer. */
    static SessionData touched(SessionData cached, long now) {
        return now > cached.lastAccessedTime() ? cached.accessedAt(now) : cached;
    }
}
