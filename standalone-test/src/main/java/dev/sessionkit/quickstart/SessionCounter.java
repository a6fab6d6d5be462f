package dev.sessionkit.quickstart;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import java.util.concurrent.atomic.AtomicInteger;

/** The README quickstart's listener, declared in web.xml: counts the sessions sessionkit creates. */
public class SessionCounter implements HttpSessionListener {

    private static final AtomicInteger CREATED = new AtomicInteger();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        CREATED.incrementAndGet();
    }

    static int created() {
        return CREATED.get();
    }
}
