package dev.sessionkit.sample.pages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** The sample's user directory: three names sharing one published password. Only for a demo. */
final class DemoUsers {

    static final List<String> NAMES = List.of("alice", "bob", "carol");
    static final String PASSWORD = "demo";

    private DemoUsers() {
    }

    /**
     * @param name     a user name as typed
     * @param password a password as typed
     * @return whether they match a demo user
     */
    static boolean check(String name, String password) {
        boolean passwordOk = password != null && MessageDigest.isEqual(
                PASSWORD.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        // Both checks always run, so the time taken does not tell which user names exist.
        return passwordOk & NAMES.contains(name);
    }
}
