package dev.sessionkit.testapp;

import jakarta.servlet.annotation.WebServlet;

/** {@link SessionServlet} registered by annotation, for the {@code @WebFilter} tests. */
@WebServlet(urlPatterns = "/s/*", asyncSupported = true)
public class AnnotatedSessionServlet extends SessionServlet {
}
