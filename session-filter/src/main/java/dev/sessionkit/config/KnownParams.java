package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionStoreProvider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses init-params nobody reads: every init-param of the filter belongs to sessionkit, so a name that
 * neither the filter nor the chosen store knows is a typo, and ignoring it would silently keep a default
 * (an insecure one, for {@code cookie.secure}).
 */
final class KnownParams {

    /** The init-params the filter itself reads, whatever the store. */
    static final Set<String> CORE = Set.of(LockParams.LOCK, "lock.wait", "lock.expiry", "lock.busy-status","secret", "secret.env", "secret.previous", "store",
            "cookie.name", "cookie.secure", "cookie.same-site", "cookie.path", "cookie.domain", "cookie.host-prefix",
            "cookie.persistent", "timeout.idle", "timeout.absolute", "touch.interval", "save-mode", "save-empty-sessions",
            "store.max-concurrent-calls", "store.check-on-start", "session.transport", "session.header-name", "allowed-types", "codec.extensions", "unavailable.status", "listeners", "metrics",
            "csrf.check", "csrf.exempt-paths", "csrf.trusted-origins", "store.hash-ids",
            "store.encrypt-keyset-file", "store.encrypt-keyset-env", "store.encrypt-cleartext-keyset",
            MigrationParams.FROM);

    private KnownParams() {
    }

    /**
     * @param given     the filter's init-param names
     * @param chosen    the provider of the configured store
     * @param providers every provider on the class path, for hints about another store's parameters
     * @throws SessionException naming every unknown parameter, with the nearest known name
     */
    static void check(Collection<String> given, SessionStoreProvider chosen, List<SessionStoreProvider> providers) {
        Set<String> known = new TreeSet<>(CORE);
        known.addAll(chosen.parameters());
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(given)) {
            if (!known.contains(name)) {
                problems.add(explain(name, known, chosen, providers));
            }
        }
        if (!problems.isEmpty()) {
            throw new SessionException(String.join("; ", problems));
        }
    }

    private static String explain(String name, Set<String> known, SessionStoreProvider chosen,
                                  List<SessionStoreProvider> providers) {
        for (SessionStoreProvider other : providers) {
            if (other != chosen && other.parameters().contains(name)) {
                return "Init-param '" + name + "' configures store=" + other.name() + ", but store is "
                        + chosen.name() + ": set store=" + other.name() + " or remove " + name;
            }
        }
        String nearest = nearest(name, known);
        if (nearest != null) {
            return "Unknown init-param '" + name + "': did you mean " + nearest + "?";
        }
        return "Unknown init-param '" + name + "': with store=" + chosen.name() + " the init-params are " + known;
    }

    /** The known name within a few edits of {@code name}, ignoring case; null when none is that close. */
    static String nearest(String name, Set<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, name.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Edits (insert, delete, replace, swap of neighbours) that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
