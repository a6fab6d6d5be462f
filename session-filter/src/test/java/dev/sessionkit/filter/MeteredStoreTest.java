package dev.sessionkit.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeteredStoreTest {

    private final List<String> calls = new ArrayList<>();
    private final List<String> around = new ArrayList<>();
    private final SessionMetrics recording = new SessionMetrics() {
        @Override
        public void storeCall(String operation, long nanos, boolean unavailable) {
            calls.add(operation);
        }

        @Override
        public <T> T aroundStoreCall(String operation, Supplier<T> call) {
            around.add("enter " + operation);
            T result = call.get();
            around.add("exit " + operation + " after " + calls.size() + " timed");
            return result;
        }
    };
    private final InMemorySessionStore inner = InMemorySessionStore.builder().build();
    private final MeteredStore store = new MeteredStore(inner, recording);
    private final long now = System.currentTimeMillis();

    @BeforeEach
    void start() {
        inner.start(StoreContext.NONE);
    }

    @AfterEach
    void close() {
        inner.close();
    }

    @Test
    void deleteAnswersWhatTheStoreAnswersAndIsTimed() {
        String id = saved("alice");

        assertTrue(store.delete(id, now));
        assertFalse(store.delete(id, now));
        assertEquals(List.of("save", "delete", "delete"), calls);
    }

    @Test
    void everyTimedCallRunsInsideTheMetricsAroundHookWithItsOperationName() {
        String id = saved("alice");
        store.rotate(id, SessionIds.rotated(id), now);

        assertEquals(List.of("enter save", "exit save after 1 timed", "enter rotate", "exit rotate after 2 timed"), around);
    }

    @Test
    void adminCallsPassThroughAndAreTimedUnderAdminNames() {
        String id = saved("alice");
        saved("alice");
        SessionAdmin admin = store.admin().orElseThrow();

        assertEquals(2, admin.count());
        assertEquals(2, admin.list(null, 10).sessions().size());
        assertEquals(id, admin.find(id).orElseThrow().id());
        assertEquals(2, admin.sessionsOf("alice").size());
        assertTrue(admin.delete(id));
        assertEquals(1, admin.deleteAllOf("alice"));
        assertEquals(List.of("save", "save", "admin.count", "admin.list", "admin.find", "admin.sessionsOf",
                "admin.delete", "admin.deleteAllOf"), calls);
    }

    private String saved(String principal) {
        SessionData session = new SessionData(SessionIds.newId(), now, now, 1800, principal, Map.of());
        return store.save(session, new SessionChanges(true, Set.of(), Set.of(), true));
    }
}
