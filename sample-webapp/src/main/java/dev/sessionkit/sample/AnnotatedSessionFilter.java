package dev.sessionkit.sample;

import dev.sessionkit.filter.SessionFilter;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebInitParam;

/**
 * {@link SessionFilter} registered by annotation instead of web.xml: the same init-params, in code.
 *
 * <p>Not active in this sample: its web.xml declares the filter itself and is {@code metadata-complete}, so
 * the container does not scan for this annotation and the filter is not mapped twice. To use this way
 * instead, delete the {@code <filter>} and {@code <filter-mapping>} from web.xml and set
 * {@code metadata-complete="false"} (or drop web.xml and annotate the servlets). The order of annotated
 * filters is unspecified, so when other filters use the session, keep web.xml and list this one first.
 */
@WebFilter(filterName = "sessionkit", urlPatterns = "/*", asyncSupported = true, initParams = {
        @WebInitParam(name = "secret.env", value = "SESSIONKIT_SECRET"),
        @WebInitParam(name = "store", value = "memory"),
        @WebInitParam(name = "csrf.check", value = "true"),
        // Plain http on localhost only; production keeps the default, true.
        @WebInitParam(name = "cookie.secure", value = "false")
})
public class AnnotatedSessionFilter extends SessionFilter {
}
