package dev.sessionkit.store.cookie;

import dev.sessionkit.store.ForwardingRevocationList;
import dev.sessionkit.store.RevocationList;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each lookup's answer for a short while ({@code cookie-store.revocation.cache}), so a browser's burst
 * of requests costs one lookup. The price is staleness: a revocation made on another server is seen here
 * up to {@code maxAgeMillis} later. Revocations made through this instance drop what they change at once.
 * Holds at most {@value #MAX_ENTRIES} answers, and starts afresh when full. Thread-safe.
 */
final class CachedRevocationList extends ForwardingRevocationList {

    static final int MAX_ENTRIES = 10_000;

    private record Answer(Revoked revoked, long fetchedAt) {
    }

    private final long maxAgeMillis;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    CachedRevocationList(RevocationList list, long maxAgeMillis) {
        super(list);
        this.maxAgeMillis = maxAgeMillis;
    }

    @Override
    public Revoked lookup(String lineage, String principal, long now) {
        String key = principal == null ? lineage : lineage + "/" + principal;
        Answer answer = answers.get(key);
        if (answer != null && now - answer.fetchedAt() < maxAgeMillis && now >= answer.fetchedAt()) {
            return answer.revoked();
        }
        Revoked revoked = super.lookup(lineage, principal, now);
        if (answers.size() >= MAX_ENTRIES) {
            answers.clear();
        }
        answers.put(key, new Answer(revoked, now));
        return revoked;
    }

    @Override
    public void revokeLineage(String lineage, long issuedBefore, long expiresAt) {
        super.revokeLineage(lineage, issuedBefore, expiresAt);
        answers.keySet().removeIf(key -> key.equals(lineage) || key.startsWith(lineage + "/"));
    }

    @Override
    public void revokePrincipal(String principal, long issuedBefore, long expiresAt) {
        super.revokePrincipal(principal, issuedBefore, expiresAt);
        answers.keySet().removeIf(key -> key.endsWith("/" + principal));
    }

    @Override
    public String toString() {
        return super.toString() + " (lookups cached " + maxAgeMillis + " ms)";
    }
}
