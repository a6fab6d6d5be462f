package dev.sessionkit.filter;

import dev.sessionkit.config.SaveMode;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One request's view of a session: the stored data as loaded, and what the request changed.
 *
 * <p>Attributes are decoded on first read and encoded at save, so values changed in place after
 * {@code setAttribute} are saved as they are at the end. Synchronized: a request may hand the session
 * to async threads.
 */
final class SessionImpl implements Session {

    private static final System.Logger LOG = System.getLogger(SessionImpl.class.getName());

    private final SessionRuntime runtime;
    private final long creationTime;
    private final long lastAccessedTime;
    private String id;
    private int maxInactiveSeconds;
    private String principal;
    private Map<String, byte[]> stored;
    // Empty and shared until the first write: a request that reads no attribute allocates none of them.
    private Map<String, Object> values = Collections.emptyMap();
    private Set<String> set = Collections.emptySet();
    private Set<String> removed = Collections.emptySet();
    private boolean isNew;
    private boolean metadataChanged;
    private boolean idChanged;
    private boolean invalid;
    private boolean invalidatedByApplication;
    private boolean savedByThisRequest;
    private boolean transientSession;

    private SessionImpl(SessionRuntime runtime, SessionData data, boolean isNew) {
        this.runtime = runtime;
        this.id = data.id();
        this.creationTime = data.creationTime();
        this.lastAccessedTime = data.lastAccessedTime();
        this.maxInactiveSeconds = data.maxInactiveSeconds();
        this.principal = data.principal();
        this.stored = data.attributes();
        this.isNew = isNew;
    }

    static SessionImpl created(SessionRuntime runtime, long now) {
        int idle = (int) Math.min(Integer.MAX_VALUE, runtime.config().idleTimeout().toSeconds());
        SessionData data = new SessionData(SessionIds.newId(), now, now, idle, null, Map.of());
        return new SessionImpl(runtime, data, true);
    }

    static SessionImpl loaded(SessionRuntime runtime, SessionData data) {
        return new SessionImpl(runtime, data, false);
    }

    /**
     * A session for a request whose cookie names an ID rotated away moments ago: it works for the request
     * but is never saved and never sent, so the request cannot replace the browser's new cookie.
     */
    static SessionImpl transientFor(SessionRuntime runtime, long now) {
        SessionImpl session = created(runtime, now);
        session.transientSession = true;
        return session;
    }

    /** A stand-in for a session the store found expired: only its ID is known. */
    static SessionImpl expired(SessionRuntime runtime, String id, long now) {
        SessionImpl session = new SessionImpl(runtime, new SessionData(id, now, now, 0, null, Map.of()), false);
        session.invalid = true;
        return session;
    }

    @Override
    public synchronized String getId() {
        return id;
    }

    @Override
    public long getCreationTime() {
        checkValid();
        return creationTime;
    }

    @Override
    public long getLastAccessedTime() {
        checkValid();
        return lastAccessedTime;
    }

    @Override
    public ServletContext getServletContext() {
        return runtime.servletContext();
    }

    @Override
    public synchronized void setMaxInactiveInterval(int interval) {
        if (interval != maxInactiveSeconds) {
            maxInactiveSeconds = interval;
            metadataChanged = true;
        }
    }

    @Override
    public synchronized int getMaxInactiveInterval() {
        return maxInactiveSeconds;
    }

    @Override
    public synchronized Object getAttribute(String name) {
        checkValid();
        return read(name);
    }

    @Override
    public synchronized Enumeration<String> getAttributeNames() {
        checkValid();
        Set<String> names = new LinkedHashSet<>(stored.keySet());
        names.addAll(values.keySet());
        names.removeAll(removed);
        return Collections.enumeration(names);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            removeAttribute(name);
            return;
        }
        Object old;
        synchronized (this) {
            checkValid();
            old = runtime.events().wantsAttributeEvents() || stored.containsKey(name) || values.containsKey(name) ? read(name) : null;
            writableValues().put(name, value);
            writableSet().add(name);
            removed.remove(name);
        }
        if (value != old && value instanceof HttpSessionBindingListener listener) {
            listener.valueBound(new HttpSessionBindingEvent(this, name, value));
        }
        if (old != null && old != value && old instanceof HttpSessionBindingListener listener) {
            listener.valueUnbound(new HttpSessionBindingEvent(this, name, old));
        }
        if (old == null) {
            runtime.events().added(this, name, value);
        } else {
            runtime.events().replaced(this, name, old);
        }
    }

    @Override
    public void removeAttribute(String name) {
        Object old;
        synchronized (this) {
            checkValid();
            if (!stored.containsKey(name) && !values.containsKey(name)) {
                return;
            }
            old = read(name);
            values.remove(name);
            set.remove(name);
            if (stored.containsKey(name)) {
                writableRemoved().add(name);
            }
        }
        if (old instanceof HttpSessionBindingListener listener) {
            listener.valueUnbound(new HttpSessionBindingEvent(this, name, old));
        }
        if (old != null) {
            runtime.events().removed(this, name, old);
        }
    }

    @Override
    public void invalidate() {
        Map<String, Object> unbound = new LinkedHashMap<>();
        boolean stored;
        synchronized (this) {
            checkValid();
            runtime.events().destroyed(this);
            for (String name : Collections.list(getAttributeNames())) {
                Object value = read(name);
                if (value != null) {
                    unbound.put(name, value);
                }
            }
            invalid = true;
            invalidatedByApplication = true;
            stored = !isNew;
        }
        // The store is called outside the monitor, so a slow store never blocks this session's other
        // threads; the session is already invalid for them.
        if (stored) {
            runtime.store().delete(id, runtime.now());
        }
        runtime.metrics().invalidated();
        unbound.forEach((name, value) -> {
            if (value instanceof HttpSessionBindingListener listener) {
                listener.valueUnbound(new HttpSessionBindingEvent(this, name, value));
            }
            runtime.events().removed(this, name, value);
        });
    }

    @Override
    public synchronized boolean isNew() {
        checkValid();
        return isNew;
    }

    @Override
    public String rotate() {
        String oldId;
        String newId;
        boolean stored;
        synchronized (this) {
            checkValid();
            oldId = id;
            newId = SessionIds.rotated(oldId);
            stored = !isNew;
        }
        // Outside the monitor: a slow store must not block the session's other threads. Two threads
        // rotating one session at once both reach the store; only one finds the old ID there.
        if (stored && !runtime.store().rotate(oldId, newId, runtime.now())) {
            synchronized (this) {
                invalid = true;
            }
            throw new IllegalStateException("The session no longer exists: it was invalidated, rotated or expired"
                    + " by another request");
        }
        synchronized (this) {
            if (!id.equals(oldId)) {
                throw new IllegalStateException("The session was rotated by another thread of this request");
            }
            id = newId;
            idChanged = true;
        }
        runtime.metrics().rotated();
        runtime.events().idChanged(this, oldId);
        return id;
    }

    @Override
    public synchronized void markDirty(String name) {
        checkValid();
        if (values.containsKey(name)) {
            writableSet().add(name);
        }
    }

    @Override
    public synchronized String getPrincipal() {
        checkValid();
        return principal;
    }

    /** Records the user this session is logged in for; the store indexes it at save. */
    synchronized void setPrincipal(String user) {
        checkValid();
        if (!user.equals(principal)) {
            principal = user;
            metadataChanged = true;
        }
    }

    synchronized boolean isInvalid() {
        return invalid;
    }

    synchronized boolean isInvalidatedByApplication() {
        return invalidatedByApplication;
    }

    /**
     * @param mode the save mode
     * @return true when {@link #changes} would be empty: nothing set, removed or new, and no mode that
     *         saves what was only read
     */
    synchronized boolean isUnchanged(SaveMode mode) {
        return !isNew && !metadataChanged && set.isEmpty() && removed.isEmpty()
                && (mode == SaveMode.ON_SET_ATTRIBUTE || savedByThisRequest);
    }

    synchronized boolean isTransient() {
        return transientSession;
    }

    /** @return true for a new session that holds nothing yet: no attribute and no principal */
    synchronized boolean isEmptyNew() {
        return isNew && principal == null && set.isEmpty() && values.isEmpty();
    }

    synchronized boolean isIdChanged() {
        return idChanged;
    }

    synchronized boolean isTouchDue(long now, long touchAfterMillis) {
        return now - lastAccessedTime >= touchAfterMillis;
    }

    /**
     * Builds the delta to save.
     *
     * @param mode the save mode
     * @return the changes
     */
    synchronized SessionChanges changes(SaveMode mode) {
        Set<String> toWrite = new LinkedHashSet<>(set);
        if (savedByThisRequest) {
            // The whole-session modes apply once per request; a later commit writes only later changes.
            return new SessionChanges(isNew, toWrite, removed, metadataChanged);
        }
        if (mode == SaveMode.ON_GET_ATTRIBUTE) {
            toWrite.addAll(values.keySet());
        } else if (mode == SaveMode.ALWAYS) {
            toWrite.addAll(values.keySet());
            toWrite.addAll(stored.keySet());
            toWrite.removeAll(removed);
        }
        return new SessionChanges(isNew, toWrite, removed, metadataChanged);
    }

    /**
     * The session as this request leaves it, with the changed attributes encoded.
     *
     * @param changes what {@link #changes} returned
     * @param now     the access time to record
     * @return the data to save
     * @throws SessionException naming an attribute the codec cannot write
     */
    synchronized SessionData snapshot(SessionChanges changes, long now) {
        Map<String, byte[]> attributes = new LinkedHashMap<>(stored);
        for (String name : changes.set()) {
            Object value = values.get(name);
            attributes.put(name, value != null ? runtime.codec().encode(name, value) : stored.get(name));
        }
        attributes.keySet().removeAll(removed);
        return new SessionData(id, creationTime, now, maxInactiveSeconds, principal, attributes);
    }

    /** Records that {@code saved} is now what the store holds. */
    synchronized void saved(SessionData saved) {
        stored = saved.attributes();
        set.clear();
        removed.clear();
        isNew = false;
        metadataChanged = false;
        savedByThisRequest = true;
    }

    /** Records that the store no longer has this session: another request deleted or rotated it. */
    synchronized void gone() {
        invalid = true;
    }

    /** Makes the next commit send this session's ID: it was adopted from a cookie that held something else. */
    synchronized void cookieDue() {
        idChanged = true;
    }

    synchronized void cookieWritten() {
        idChanged = false;
    }

    private Object read(String name) {
        if (removed.contains(name)) {
            return null;
        }
        Object value = values.get(name);
        if (value != null) {
            return value;
        }
        byte[] bytes = stored.get(name);
        if (bytes == null) {
            return null;
        }
        try {
            value = runtime.codec().decode(bytes);
        } catch (SessionException e) {
            // The bytes stay stored until the application overwrites them: nothing is lost by reading.
            LOG.log(Level.WARNING, "Session attribute '" + name + "' cannot be read and is treated as absent: " + e.getMessage());
            return null;
        }
        writableValues().put(name, value);
        return value;
    }

    private Map<String, Object> writableValues() {
        if (!(values instanceof HashMap)) {
            values = new HashMap<>();
        }
        return values;
    }

    private Set<String> writableSet() {
        if (!(set instanceof LinkedHashSet)) {
            set = new LinkedHashSet<>();
        }
        return set;
    }

    private Set<String> writableRemoved() {
        if (!(removed instanceof LinkedHashSet)) {
            removed = new LinkedHashSet<>();
        }
        return removed;
    }

    private void checkValid() {
        if (invalid) {
            throw new IllegalStateException("The session has been invalidated");
        }
    }
}
