package dev.sessionkit.config;

import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.SessionStore;

import java.util.Locale;

/** The one-line effective configuration of the startup log; shows how many secrets, never one. */
final class ConfigSummary {

    private ConfigSummary() {
    }

    static String of(SessionConfig c) {
        return "store=" + describe(c.store())
                + ", timeout.idle=" + Durations.format(c.idleTimeout())
                + ", timeout.absolute=" + Durations.format(c.absoluteTimeout())
                + ", touch.interval=" + Durations.format(c.touchInterval())
                + ", cookie=" + c.cookieName() + " (" + (c.secure() ? "Secure" : "NOT Secure") + ", HttpOnly, SameSite="
                + c.sameSite().attribute() + ", Path=" + (c.cookiePath() == null ? "<context path>" : c.cookiePath())
                + ", " + (c.cookieDomain() == null ? "host-only" : "Domain=" + c.cookieDomain())
                + ", " + (c.persistentCookie() ? "persistent" : "browser session") + ")"
                + transport(c)
                + ", save-mode=" + c.saveMode().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + ", signing=" + signing(c) + (c.hashStoreIds() ? "" : ", store.hash-ids=false")
                + (c.attributeAead() == null ? "" : ", attributes encrypted at rest")
                + (c.lock() == null ? "" : ", lock=on (wait " + Durations.format(c.lock().maxWait()) + ", expiry "
                        + Durations.format(c.lock().expiry()) + ", busy " + c.lock().busyStatus() + ")")
                + ", unavailable.status=" + c.unavailableStatus() + ", listeners=" + c.listeners().size()
                + ", metrics=" + (c.metrics() == SessionMetrics.NONE ? "none" : c.metrics().getClass().getSimpleName())
                + (c.csrfCheck() ? ", csrf.check=on (" + c.csrfExemptPaths().size() + " exempt paths, "
                        + c.csrfTrustedOrigins().size() + " trusted origins)" : "");
    }

    /** Nothing for the default cookie transport, so the line stays as it was for most applications. */
    private static String transport(SessionConfig c) {
        return switch (c.transport()) {
            case COOKIE -> "";
            case HEADER -> ", transport=header " + c.headerName() + " (no cookie)";
            case BOTH -> ", transport=header " + c.headerName() + " and cookie";
        };
    }

    private static String signing(SessionConfig c) {
        if (c.signingKeyset() != null) {
            return "keyset";
        }
        return c.secrets().size() + (c.secrets().size() == 1 ? " secret" : " secrets");
    }

    private static String describe(SessionStore store) {
        try {
            // A store's own toString names its target (the Redis endpoint, never its password); Object's says nothing.
            boolean own = store.getClass().getMethod("toString").getDeclaringClass() != Object.class;
            return own ? store.toString() : store.getClass().getSimpleName();
        } catch (NoSuchMethodException e) {
            return store.getClass().getSimpleName();
        }
    }
}
