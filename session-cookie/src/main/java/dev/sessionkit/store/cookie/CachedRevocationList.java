package dev.sessionkit.store.cookie;

import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.StoreHealth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each lookup's answer for a short while ({@code cookie-store.revocation.cache}), so a browser's burst
 * of requests costs one lookup. The price is staleness: a revocation made on another server is seen here
 * up to {@code maxAgeMillis} later. Revocations made through this instance drop what they change at once.
 * Holds at most {@value #MAX_ENTRIES} answers, and starts afresh when full. Thread-safe.
 */
final class CachedRevocationList implements RevocationList {

    static final int MAX_ENTRIES = 10_000;

    private record Answer(Revoked revoked, long fetchedAt) {
    }

    private final RevocationList list;
    private final long maxAgeMillis;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    CachedRevocationList(RevocationList list, long maxAgeMillis) {
        this.list = list;
        this.maxAgeMillis = maxAgeMillis;
    }

    @Override
    public Revoked lookup(String lineage, String principal, long now) {
        String key = principal == null ? lineage : lineage + "/" + principal;
        Answer answer = answers.get(key);
        if (answer != null && now - answer.fetchedAt() < maxAgeMillis && now >= answer.fetchedAt()) {
            return answer.revoked();
        }
        Revoked revoked = list.lookup(lineage, principal, now);
        if (answers.size() >= MAX_ENTRIES) {
            answers.clear();
        }
        answers.put(key, new Answer(revoked, now));
        return revoked;
    }

    @Override
    public void revokeLineage(String lineage, long issuedBefore, long expiresAt) {
        list.revokeLineage(lineage, issuedBefore, expiresAt);
        answers.keySet().removeIf(key -> key.equals(lineage) || key.startsWith(lineage + "/"));
    }

    @Override
    public void revokePrincipal(String principal, long issuedBefore, long expiresAt) {
        list.revokePrincipal(principal, issuedBefore, expiresAt);
        answers.keySet().removeIf(key -> key.endsWith("/" + principal));
    }

    @Override
    public void recordSession(String principal, String lineage, String description, long expiresAt) {
        list.recordSession(principal, lineage, description, expiresAt);
    }

    @Override
    public Map<String, String> sessionsOf(String principal, long now) {
        return list.sessionsOf(principal, now);
    }

    @Override
    public void forgetSessions(String principal, Iterable<String> lineages) {
        list.forgetSessions(principal, lineages);
    }

    @Override
    public void start() {
        list.start();
    }

    @Override
    public StoreHealth health() {
        return list.health();
    }

    @Override
    public void close() {
        list.close();
    }
}
