package dev.sessionkit.filter;

import java.util.List;

/** Signs a session ID as the filter would, for tests outside this package that forge or replay cookies. */
public final class TestSigner {

    private TestSigner() {
    }

    /** The cookie value the filter sends for {@code id}, signed with the first of {@code secrets}. */
    public static String sign(List<String> secrets, String cookieName, String id) {
        return CookieSigner.fromSecrets(secrets, cookieName).sign(id);
    }
}
