package dev.sessionkit.store;

import java.util.Objects;
import java.util.Set;

/**
 * What one request changed in a session: the delta a store writes.
 *
 * <p>Immutable. Attribute values are read from the {@link SessionData} passed alongside, so a delta
 * store writes {@code session.attributes().get(name)} for each name in {@code set} and deletes each
 * name in {@code removed}; the two sets never share a name.
 *
 * @param isNew           the session was created by this request and has never been stored
 * @param set             names of attributes added or replaced
 * @param removed         names of attributes removed
 * @param metadataChanged the idle timeout or the principal changed
 */
public record SessionChanges(boolean isNew, Set<String> set, Set<String> removed, boolean metadataChanged) {

    /** A save that only records an access. */
    public static final SessionChanges TOUCH = new SessionChanges(false, Set.of(), Set.of(), false);

    public SessionChanges {
        set = Set.copyOf(Objects.requireNonNull(set, "set"));
        removed = Set.copyOf(Objects.requireNonNull(removed, "removed"));
    }

    /**
     * Tells whether the save carries anything but the access time.
     *
     * @return true when the session is new or any attribute or metadata changed
     */
    public boolean hasChanges() {
        return isNew || metadataChanged || !set.isEmpty() || !removed.isEmpty();
    }
}
