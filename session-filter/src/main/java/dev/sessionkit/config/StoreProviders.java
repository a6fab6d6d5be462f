package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionStoreProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The store providers the filter can choose from: memory, and those registered with ServiceLoader. */
final class StoreProviders {

    private final List<SessionStoreProvider> all;

    private StoreProviders(List<SessionStoreProvider> all) {
        this.all = List.copyOf(all);
    }

    static StoreProviders load(ClassLoader loader) {
        List<SessionStoreProvider> found = new ArrayList<>(List.of(new MemoryStoreProvider()));
        ServiceLoader.load(SessionStoreProvider.class, loader).stream().forEach(provider -> {
            try {
                found.add(provider.get());
            } catch (ServiceConfigurationError e) {
                throw new SessionException("The session store provider " + provider.type().getName()
                        + " cannot be created: " + e.getMessage(), e);
            }
        });
        return new StoreProviders(found);
    }

    /**
     * @param name the {@code store} init-param, or null for the default
     * @return the provider of that name
     */
    SessionStoreProvider named(String name) {
        String wanted = name == null ? MemoryStoreProvider.NAME : name;
        for (SessionStoreProvider provider : all) {
            if (provider.name().equals(wanted)) {
                return provider;
            }
        }
        throw new SessionException("Unknown store '" + wanted + "': the store init-param must be one of "
                + all.stream().map(SessionStoreProvider::name).toList()
                + " (a store other than memory needs its module, such as session-store-redis, on the classpath)");
    }

    List<SessionStoreProvider> all() {
        return all;
    }
}
