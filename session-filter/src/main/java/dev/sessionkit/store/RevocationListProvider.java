package dev.sessionkit.store;

import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link RevocationList} from filter init-params, for a client-side store's
 * {@code cookie-store.revocation=NAME}. Store modules register one with {@link java.util.ServiceLoader}
 * under {@code META-INF/services/dev.sessionkit.store.RevocationListProvider}.
 */
public interface RevocationListProvider {

    /** @return the value of {@code cookie-store.revocation} that selects this provider */
    String name();

    /** @return the init-params {@link #create} reads, such as {@code redis.uri} */
    Set<String> parameters();

    /**
     * @param params every init-param of the filter
     * @return a new list, not yet connected where connecting can wait
     * @throws dev.sessionkit.SessionException when a parameter is missing or wrong; the message names it
     */
    RevocationList create(Map<String, String> params);
}
