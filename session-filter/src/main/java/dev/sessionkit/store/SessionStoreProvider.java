package dev.sessionkit.store;

import java.util.Map;

/**
 * Creates a {@link SessionStore} from filter init-params, so web.xml can choose a store by name
 * ({@code store=redis}). Store modules register one with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/dev.sessionkit.store.SessionStoreProvider}.
 */
public interface SessionStoreProvider {

    /**
     * @return the value of the {@code store} init-param that selects this provider
     */
    String name();

    /**
     * @param params every init-param of the filter
     * @return a new store
     * @throws dev.sessionkit.SessionException when a parameter is missing or wrong; the message names it
     */
    SessionStore create(Map<String, String> params);
}
