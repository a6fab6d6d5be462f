package dev.sessionkit.store;

import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link SessionStore} from filter init-params, so web.xml can choose a store by name
 * ({@code store=redis}). Store modules register one with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/dev.sessionkit.store.SessionStoreProvider}.
 *
 * <p>The filter checks every init-param against its own and the chosen provider's {@link #parameters()}
 * before it calls {@link #create}, so a misspelled parameter fails start instead of being ignored.
 */
public interface SessionStoreProvider {

    /**
     * @return the value of the {@code store} init-param that selects this provider
     */
    String name();

    /**
     * @return the names of the init-params {@link #create} reads, such as {@code redis.uri}; a name the
     *         filter does not know and no provider declares fails start
     */
    Set<String> parameters();

    /**
     * Builds the store without starting it: threads and connections belong in
     * {@link SessionStore#start}, so a configuration that fails later leaves nothing running.
     *
     * @param params every init-param of the filter
     * @return a new store
     * @throws dev.sessionkit.SessionException when a parameter is missing or wrong; the message names it
     */
    SessionStore create(Map<String, String> params);
}
