package dev.sessionkit.config;

/** The cookie's SameSite attribute. */
public enum SameSite {
    /** Sent on same-site requests only. */
    STRICT("Strict"),
    /** Also sent on top-level cross-site navigations with safe methods. The default. */
    LAX("Lax"),
    /** Sent on every request; browsers require Secure with it. */
    NONE("None");

    private final String attribute;

    SameSite(String attribute) {
        this.attribute = attribute;
    }

    /**
     * @return the attribute value as written in Set-Cookie
     */
    public String attribute() {
        return attribute;
    }
}
