package dev.sessionkit.store;

import java.util.Map;
import java.util.Objects;

/**
 * A revocation list that passes every call to another: the base for wrappers (a lookup cache, counting)
 * that change a few operations and must keep the rest intact.
 *
 * <p>Thread-safe when the delegate is. Subclasses override what they change and call {@code super}.
 */
public abstract class ForwardingRevocationList implements RevocationList {

    private final RevocationList delegate;

    /**
     * @param delegate the wrapped list, never null
     */
    protected ForwardingRevocationList(RevocationList delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Revoked lookup(String lineage, String principal, long now) {
        return delegate.lookup(lineage, principal, now);
    }

    @Override
    public void revokeLineage(String lineage, long issuedBefore, long expiresAt) {
        delegate.revokeLineage(lineage, issuedBefore, expiresAt);
    }

    @Override
    public void revokePrincipal(String principal, long issuedBefore, long expiresAt) {
        delegate.revokePrincipal(principal, issuedBefore, expiresAt);
    }

    @Override
    public void recordSession(String principal, String lineage, String description, long expiresAt) {
        delegate.recordSession(principal, lineage, description, expiresAt);
    }

    @Override
    public Map<String, String> sessionsOf(String principal, long now) {
        return delegate.sessionsOf(principal, now);
    }

    @Override
    public void forgetSessions(String principal, Iterable<String> lineages) {
        delegate.forgetSessions(principal, lineages);
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public StoreHealth health() {
        return delegate.health();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** @return the wrapped list's description */
    @Override
    public String toString() {
        return delegate.toString();
    }
}
