package dev.sessionkit.store.cookie;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InMemoryRevocationList;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.RevocationListProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Reads {@code cookie-store.revocation} and {@code cookie-store.revocation.cache} into a builder. */
final class RevocationLists {

    private RevocationLists() {
    }

    /** @return the revocation lists of the modules on the class path (Redis, JDBC) */
    static List<RevocationListProvider> providers() {
        List<RevocationListProvider> found = new ArrayList<>();
        ServiceLoader.load(RevocationListProvider.class, RevocationLists.class.getClassLoader()).forEach(found::add);
        return found;
    }

    /** @throws SessionException naming the init-param that is wrong, or one that configures a list not chosen */
    static void configure(Map<String, String> initParams, CookieSessionStoreBuilder builder) {
        InitParams params = new InitParams(initParams);
        String chosen = params.get(CookieSessionStoreProvider.REVOCATION);
        String name = chosen == null ? "off" : chosen.trim().toLowerCase(Locale.ROOT);
        List<RevocationListProvider> providers = providers();
        RevocationListProvider selected = providers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        for (RevocationListProvider other : providers) {
            if (other != selected) {
                for (String param : other.parameters()) {
                    if (initParams.containsKey(param)) {
                        throw new SessionException("Init-param '" + param + "' configures the " + other.name()
                                + " revocation list, but " + CookieSessionStoreProvider.REVOCATION + " is " + name + ": set "
                                + CookieSessionStoreProvider.REVOCATION + "=" + other.name() + " or remove " + param);
                    }
                }
            }
        }
        if (name.equals("off")) {
            if (params.get(CookieSessionStoreProvider.REVOCATION_CACHE) != null) {
                throw new SessionException(CookieSessionStoreProvider.REVOCATION_CACHE + " is set but revocation is off:"
                        + " set " + CookieSessionStoreProvider.REVOCATION + " too");
            }
            return;
        }
        if (name.equals("memory")) {
            builder.revocation(new InMemoryRevocationList(InMemoryRevocationList.DEFAULT_CAPACITY));
        } else if (selected != null) {
            builder.revocation(selected.create(initParams));
        } else {
            TreeSet<String> names = new TreeSet<>(List.of("off", "memory"));
            providers.forEach(p -> names.add(p.name()));
            throw new SessionException(CookieSessionStoreProvider.REVOCATION + " must be one of " + names + ", was '"
                    + chosen + "'" + (name.equals("redis") || name.equals("jdbc")
                    ? ": add the session-store-" + name + " module to the application" : ""));
        }
        params.duration(CookieSessionStoreProvider.REVOCATION_CACHE, builder::revocationCache);
    }
}
