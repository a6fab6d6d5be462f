package dev.sessionkit.filter;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.function.Consumer;

/**
 * Calls the configured session listeners. A listener that throws is logged and skipped: one broken
 * listener must not fail the request or starve the others.
 */
final class SessionEvents {

    private static final System.Logger LOG = System.getLogger(SessionEvents.class.getName());

    private final List<HttpSessionListener> lifecycle = new ArrayList<>();
    private final List<HttpSessionAttributeListener> attributes = new ArrayList<>();
    private final List<HttpSessionIdListener> ids = new ArrayList<>();

    /**
     * @param listeners any mix of session listener types; others are ignored
     */
    public SessionEvents(List<EventListener> listeners) {
        for (EventListener listener : listeners) {
            if (listener instanceof HttpSessionListener l) {
                lifecycle.add(l);
            }
            if (listener instanceof HttpSessionAttributeListener l) {
                attributes.add(l);
            }
            if (listener instanceof HttpSessionIdListener l) {
                ids.add(l);
            }
        }
    }

    void created(HttpSession session) {
        if (!lifecycle.isEmpty()) {
            HttpSessionEvent event = new HttpSessionEvent(session);
            each(lifecycle, l -> l.sessionCreated(event));
        }
    }

    void destroyed(HttpSession session) {
        if (!lifecycle.isEmpty()) {
            HttpSessionEvent event = new HttpSessionEvent(session);
            each(lifecycle, l -> l.sessionDestroyed(event));
        }
    }

    void idChanged(HttpSession session, String oldId) {
        if (!ids.isEmpty()) {
            HttpSessionEvent event = new HttpSessionEvent(session);
            each(ids, l -> l.sessionIdChanged(event, oldId));
        }
    }

    void added(HttpSession session, String name, Object value) {
        if (!attributes.isEmpty()) {
            HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
            each(attributes, l -> l.attributeAdded(event));
        }
    }

    void replaced(HttpSession session, String name, Object oldValue) {
        if (!attributes.isEmpty()) {
            HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, oldValue);
            each(attributes, l -> l.attributeReplaced(event));
        }
    }

    void removed(HttpSession session, String name, Object value) {
        if (!attributes.isEmpty()) {
            HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
            each(attributes, l -> l.attributeRemoved(event));
        }
    }

    boolean wantsAttributeEvents() {
        return !attributes.isEmpty();
    }

    private static <L> void each(List<L> listeners, Consumer<L> call) {
        for (L listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Session listener " + listener.getClass().getName() + " failed", e);
            }
        }
    }
}
