package dev.sessionkit.testapp;

import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records session events in a static list, as a listener the container instantiates must. */
public class RecordingSessionListener implements HttpSessionListener, HttpSessionAttributeListener {

    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public void sessionCreated(HttpSessionEvent se) {
        EVENTS.add(getClass().getSimpleName() + ":created");
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent se) {
        EVENTS.add(getClass().getSimpleName() + ":destroyed");
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        EVENTS.add(getClass().getSimpleName() + ":added:" + event.getName());
    }
}
