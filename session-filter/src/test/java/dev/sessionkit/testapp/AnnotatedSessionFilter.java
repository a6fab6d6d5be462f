package dev.sessionkit.testapp;

import dev.sessionkit.filter.SessionFilter;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebInitParam;

/** The {@code @WebFilter} way of installing the filter, as the README shows it. */
@WebFilter(urlPatterns = "/*", asyncSupported = true, initParams = {
        @WebInitParam(name = "secret", value = "annotated-secret-0123456789abcdefghij"),
        @WebInitParam(name = "cookie.name", value = "ANNOTATED"),
        @WebInitParam(name = "cookie.secure", value = "false")})
public class AnnotatedSessionFilter extends SessionFilter {
}
