package dev.sessionkit.testapp;

import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A session value that records being bound and unbound; stored as JSON like any other value. */
public record BoundValue(String label) implements HttpSessionBindingListener {

    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public void valueBound(HttpSessionBindingEvent event) {
        EVENTS.add("bound:" + label);
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
        EVENTS.add("unbound:" + label);
    }
}
