package dev.sessionkit.filter;

import dev.sessionkit.config.SaveMode;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testapp.CountingStore;
import dev.sessionkit.testapp.MutableClock;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One session object through the life a request gives it: reads, writes, the changes it reports to the
 * store, events, invalidation and rotation. Against a real in-memory store; no container.
 */
class SessionImplTest {

    private static final String SECRET = "session-impl-secret-0123456789abcdefgh";

    private final MutableClock clock = new MutableClock();
    private final InMemorySessionStore memory = InMemorySessionStore.builder().build();
    private final CountingStore store = new CountingStore(memory);
    private final List<String> events = new ArrayList<>();
    // Store IDs off: the test reads and deletes through the in-memory store itself, under the session IDs.
    private final SessionRuntime runtime = SessionRuntime.of(SessionConfig.builder().secret(SECRET).store(store).hashStoreIds(false)
            .clock(clock).idleTimeout(Duration.ofMinutes(20)).build(), null, List.of(new Recorder()));

    SessionImplTest() {
        memory.start(StoreContext.NONE);
    }

    @AfterEach
    void close() {
        memory.close();
    }

    /** Every session listener there is, writing what it hears to {@link #events}. */
    private final class Recorder implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {
        @Override
        public void sessionCreated(HttpSessionEvent event) {
            events.add("created");
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent event) {
            events.add("destroyed");
        }

        @Override
        public void attributeAdded(HttpSessionBindingEvent event) {
            events.add("added " + event.getName() + "=" + event.getValue());
        }

        @Override
        public void attributeReplaced(HttpSessionBindingEvent event) {
            events.add("replaced " + event.getName() + " old=" + event.getValue());
        }

        @Override
        public void attributeRemoved(HttpSessionBindingEvent event) {
            events.add("removed " + event.getName() + "=" + event.getValue());
        }

        @Override
        public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
            events.add("id " + oldSessionId + "->" + event.getSession().getId());
        }
    }

    /** Records being bound and unbound into {@link #events}; equal by label, and never stored. */
    private final class Bound implements HttpSessionBindingListener {
        private final String label;

        Bound(String label) {
            this.label = label;
        }

        @Override
        public void valueBound(HttpSessionBindingEvent event) {
            events.add("bound " + label);
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent event) {
            events.add("unbound " + label);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A string value as the codec stores it. */
    private byte[] json(String value) {
        return runtime.codec().encode("any", value);
    }

    /** A session stored with attributes {@code a="1"} and {@code b="2"}, loaded as a request would. */
    private SessionImpl storedSession() {
        String id = SessionIds.newId();
        SessionData data = new SessionData(id, clock.millis(), clock.millis(), 1200, null,
                Map.of("a", json("1"), "b", json("2")));
        store.save(data, new SessionChanges(true, Set.of("a", "b"), Set.of(), true));
        store.reset();
        return SessionImpl.loaded(runtime, memory.load(id, clock.millis(), 0).live());
    }

    @Test
    void aCreatedSessionIsNewEmptyAndTimedOutByTheConfiguredIdleTimeout() {
        SessionImpl session = SessionImpl.created(runtime, clock.millis());
        assertTrue(session.isNew());
        assertTrue(session.isEmptyNew());
        assertEquals(1200, session.getMaxInactiveInterval());
        assertEquals(clock.millis(), session.getCreationTime());
        assertEquals(clock.millis(), session.getLastAccessedTime());
        assertTrue(SessionIds.isWellFormed(session.getId()));
        assertFalse(session.isTransient());
        assertTrue(SessionImpl.transientFor(runtime, clock.millis()).isTransient());
    }

    @Test
    void aNewSessionWithAPrincipalOrAValueIsNotEmpty() {
        SessionImpl withPrincipal = SessionImpl.created(runtime, clock.millis());
        withPrincipal.setPrincipal("alice");
        assertFalse(withPrincipal.isEmptyNew());
        SessionImpl withValue = SessionImpl.created(runtime, clock.millis());
        withValue.setAttribute("a", "1");
        assertFalse(withValue.isEmptyNew());
    }

    @Test
    void storedValuesAreDecodedOnFirstReadAndNamesMergeSetAndStored() {
        SessionImpl session = storedSession();
        assertFalse(session.isNew());
        assertEquals("1", session.getAttribute("a"));
        session.setAttribute("c", "3");
        session.removeAttribute("b");
        assertEquals(List.of("a", "c"), Collections.list(session.getAttributeNames()).stream().sorted().toList());
        assertNull(session.getAttribute("b"), "a removed value reads as absent");
        assertNull(session.getAttribute("missing"));
    }

    @Test
    void anUnreadableStoredValueReadsAsAbsentAndStaysStored() {
        String id = SessionIds.newId();
        byte[] corrupt = "{not json".getBytes(StandardCharsets.UTF_8);
        SessionData data = new SessionData(id, clock.millis(), clock.millis(), 1200, null, Map.of("x", corrupt, "a", json("1")));
        SessionImpl session = SessionImpl.loaded(runtime, data);
        assertNull(session.getAttribute("x"));
        session.setAttribute("a", "2");
        SessionData snapshot = session.snapshot(session.changes(SaveMode.ON_SET_ATTRIBUTE), clock.millis());
        assertArrayEquals(corrupt, snapshot.attributes().get("x"), "reading never destroys what could not be read");
        assertArrayEquals(json("2"), snapshot.attributes().get("a"));
    }

    @Test
    void settingNullRemoves() {
        SessionImpl session = storedSession();
        session.setAttribute("a", null);
        assertNull(session.getAttribute("a"));
        SessionChanges changes = session.changes(SaveMode.ON_SET_ATTRIBUTE);
        assertEquals(Set.of("a"), changes.removed());
        assertEquals(Set.of(), changes.set());
    }

    @Test
    void removingAValueSetOnlyInThisRequestLeavesNothingToRemoveInTheStore() {
        SessionImpl session = storedSession();
        session.setAttribute("c", "3");
        session.removeAttribute("c");
        session.removeAttribute("never-there");
        SessionChanges changes = session.changes(SaveMode.ON_SET_ATTRIBUTE);
        assertEquals(Set.of(), changes.removed());
        assertEquals(Set.of(), changes.set());
        assertTrue(session.isUnchanged(SaveMode.ON_SET_ATTRIBUTE));
        assertEquals(List.of("added c=3", "removed c=3"), events, "removing an unknown name says nothing");
    }

    @Test
    void setAfterRemoveWritesTheValueAndRemovesNothing() {
        SessionImpl session = storedSession();
        session.removeAttribute("a");
        session.setAttribute("a", "again");
        SessionChanges changes = session.changes(SaveMode.ON_SET_ATTRIBUTE);
        assertEquals(Set.of("a"), changes.set());
        assertEquals(Set.of(), changes.removed());
        assertEquals("again", session.getAttribute("a"));
    }

    @Test
    void attributeListenersHearAddedReplacedAndRemovedWithTheRightValues() {
        SessionImpl session = storedSession();
        session.setAttribute("c", "3");
        session.setAttribute("a", "one");
        session.removeAttribute("b");
        assertEquals(List.of("added c=3", "replaced a old=1", "removed b=2"), events);
    }

    @Test
    void bindingListenersHearBoundOnceAndUnboundWhenReplacedOrRemoved() {
        SessionImpl session = SessionImpl.created(runtime, clock.millis());
        Bound first = new Bound("first");
        session.setAttribute("v", first);
        session.setAttribute("v", first);
        Bound second = new Bound("second");
        session.setAttribute("v", second);
        session.removeAttribute("v");
        assertEquals(List.of("bound first", "added v=first", "replaced v old=first", "bound second", "unbound first",
                "replaced v old=first", "unbound second", "removed v=second"), events);
    }

    @Test
    void unchangedMeansNothingToWriteUnderEachSaveMode() {
        SessionImpl session = storedSession();
        session.getAttribute("a");
        assertTrue(session.isUnchanged(SaveMode.ON_SET_ATTRIBUTE));
        assertFalse(session.isUnchanged(SaveMode.ON_GET_ATTRIBUTE), "the whole-session modes write once per request");
        assertFalse(session.isUnchanged(SaveMode.ALWAYS));
        assertEquals(Set.of("a"), session.changes(SaveMode.ON_GET_ATTRIBUTE).set(), "what was read is written");
        assertEquals(Set.of("a", "b"), session.changes(SaveMode.ALWAYS).set(), "everything is written");
        assertEquals(Set.of(), session.changes(SaveMode.ON_SET_ATTRIBUTE).set());
    }

    @Test
    void afterASaveTheWholeSessionModesWriteOnlyLaterChanges() {
        SessionImpl session = storedSession();
        session.getAttribute("a");
        SessionChanges first = session.changes(SaveMode.ALWAYS);
        session.saved(session.snapshot(first, clock.millis()));
        assertTrue(session.isUnchanged(SaveMode.ALWAYS), "a saved request has nothing more to write");
        session.setAttribute("c", "3");
        assertEquals(Set.of("c"), session.changes(SaveMode.ALWAYS).set());
        assertEquals(Set.of("c"), session.changes(SaveMode.ON_GET_ATTRIBUTE).set());
    }

    @Test
    void alwaysModeDoesNotWriteWhatWasRemoved() {
        SessionImpl session = storedSession();
        session.removeAttribute("b");
        SessionChanges changes = session.changes(SaveMode.ALWAYS);
        assertEquals(Set.of("a"), changes.set());
        assertEquals(Set.of("b"), changes.removed());
    }

    @Test
    void aSnapshotKeepsStoredBytesOfValuesNotReadAndDropsRemovedOnes() {
        SessionImpl session = storedSession();
        session.removeAttribute("b");
        session.setAttribute("c", "3");
        SessionChanges changes = new SessionChanges(false, Set.of("a", "c"), Set.of("b"), false);
        SessionData snapshot = session.snapshot(changes, clock.millis() + 5);
        assertEquals(Set.of("a", "c"), snapshot.attributes().keySet());
        assertArrayEquals(json("1"), snapshot.attributes().get("a"), "an unread value is written as it was stored");
        assertArrayEquals(json("3"), snapshot.attributes().get("c"));
        assertEquals(clock.millis() + 5, snapshot.lastAccessedTime());
        assertEquals(session.getId(), snapshot.id());
        assertEquals(1200, snapshot.maxInactiveSeconds());
    }

    @Test
    void savedClearsTheChangesAndTheNewFlag() {
        SessionImpl session = SessionImpl.created(runtime, clock.millis());
        session.setAttribute("a", "1");
        session.setMaxInactiveInterval(60);
        SessionChanges changes = session.changes(SaveMode.ON_SET_ATTRIBUTE);
        assertTrue(changes.isNew());
        assertTrue(changes.metadataChanged());
        session.saved(session.snapshot(changes, clock.millis()));
        assertFalse(session.isNew());
        SessionChanges after = session.changes(SaveMode.ON_SET_ATTRIBUTE);
        assertFalse(after.isNew());
        assertFalse(after.metadataChanged());
        assertEquals(Set.of(), after.set());
        assertEquals("1", session.getAttribute("a"));
    }

    @Test
    void theSameTimeoutOrPrincipalAgainIsNoChange() {
        SessionImpl session = storedSession();
        session.setMaxInactiveInterval(1200);
        assertTrue(session.isUnchanged(SaveMode.ON_SET_ATTRIBUTE));
        session.setMaxInactiveInterval(60);
        assertEquals(60, session.getMaxInactiveInterval());
        assertFalse(session.isUnchanged(SaveMode.ON_SET_ATTRIBUTE));

        SessionImpl other = storedSession();
        other.setPrincipal("alice");
        assertEquals("alice", other.getPrincipal());
        assertTrue(other.changes(SaveMode.ON_SET_ATTRIBUTE).metadataChanged());
        other.saved(other.snapshot(other.changes(SaveMode.ON_SET_ATTRIBUTE), clock.millis()));
        other.setPrincipal("alice");
        assertFalse(other.changes(SaveMode.ON_SET_ATTRIBUTE).metadataChanged());
    }

    @Test
    void markDirtyWritesOnlyAValueThisRequestHolds() {
        SessionImpl session = storedSession();
        session.markDirty("a");
        assertEquals(Set.of(), session.changes(SaveMode.ON_SET_ATTRIBUTE).set(), "an unread value cannot have changed");
        session.getAttribute("a");
        session.markDirty("a");
        assertEquals(Set.of("a"), session.changes(SaveMode.ON_SET_ATTRIBUTE).set());
    }

    @Test
    void theTouchIsDueOnceTheRecordedAccessIsOldEnough() {
        SessionImpl session = storedSession();
        long accessed = session.getLastAccessedTime();
        assertFalse(session.isTouchDue(accessed + 999, 1000));
        assertTrue(session.isTouchDue(accessed + 1000, 1000));
    }

    @Test
    void invalidatingAStoredSessionDeletesItUnbindsItsValuesAndRefusesFurtherUse() {
        SessionImpl session = storedSession();
        Bound bound = new Bound("v");
        session.setAttribute("v", bound);
        events.clear();
        session.invalidate();
        assertEquals(1, store.deletes.get());
        assertFalse(memory.load(session.getId(), clock.millis(), 0).isFound());
        assertEquals("destroyed", events.get(0), "listeners hear of it while the session can still be read");
        assertEquals(Set.of("removed a=1", "removed b=2", "unbound v", "removed v=v"), Set.copyOf(events.subList(1, events.size())));
        assertEquals(events.indexOf("unbound v") + 1, events.indexOf("removed v=v"));
        assertEquals(5, events.size());
        assertTrue(session.isInvalid());
        assertTrue(session.isInvalidatedByApplication());
        assertThrows(IllegalStateException.class, () -> session.getAttribute("a"));
        assertThrows(IllegalStateException.class, session::getCreationTime);
        assertThrows(IllegalStateException.class, session::getLastAccessedTime);
        assertThrows(IllegalStateException.class, session::isNew);
        assertThrows(IllegalStateException.class, session::getAttributeNames);
        assertThrows(IllegalStateException.class, () -> session.setAttribute("a", "x"));
        assertThrows(IllegalStateException.class, () -> session.removeAttribute("a"));
        assertThrows(IllegalStateException.class, () -> session.markDirty("a"));
        assertThrows(IllegalStateException.class, session::getPrincipal);
        assertThrows(IllegalStateException.class, () -> session.setPrincipal("bob"));
        assertThrows(IllegalStateException.class, session::invalidate);
        assertThrows(IllegalStateException.class, session::rotate);
    }

    @Test
    void invalidatingANewSessionNeverCallsTheStore() {
        SessionImpl session = SessionImpl.created(runtime, clock.millis());
        session.invalidate();
        assertEquals(0, store.deletes.get());
        assertTrue(session.isInvalid());
    }

    @Test
    void rotatingAStoredSessionMovesItInTheStoreAndTellsIdListeners() {
        SessionImpl session = storedSession();
        String oldId = session.getId();
        String newId = session.rotate();
        assertNotEquals(oldId, newId);
        assertEquals(newId, session.getId());
        assertEquals(SessionIds.lineage(oldId), SessionIds.lineage(newId));
        assertTrue(session.isIdChanged());
        assertEquals(1, store.rotations.get());
        assertTrue(memory.load(newId, clock.millis(), 0).isFound());
        assertEquals(List.of("id " + oldId + "->" + newId), events);
        session.cookieWritten();
        assertFalse(session.isIdChanged());
    }

    @Test
    void rotatingANewSessionChangesOnlyItsId() {
        SessionImpl session = SessionImpl.created(runtime, clock.millis());
        String oldId = session.getId();
        session.rotate();
        assertNotEquals(oldId, session.getId());
        assertEquals(0, store.rotations.get());
    }

    @Test
    void rotatingASessionAnotherRequestEndedInvalidatesItAndSaysSo() {
        SessionImpl session = storedSession();
        memory.delete(session.getId(), clock.millis());
        IllegalStateException refused = assertThrows(IllegalStateException.class, session::rotate);
        assertTrue(refused.getMessage().contains("no longer exists"), refused.getMessage());
        assertTrue(session.isInvalid());
        assertEquals(List.of(), events, "no ID change is announced");
    }

    @Test
    void anExpiredSessionIsInvalidFromTheStart() {
        SessionImpl session = SessionImpl.expired(runtime, SessionIds.newId(), clock.millis());
        assertTrue(session.isInvalid());
        assertFalse(session.isInvalidatedByApplication());
        assertThrows(IllegalStateException.class, () -> session.getAttribute("a"));
    }

    @Test
    void goneMakesTheSessionInvalid() {
        SessionImpl session = storedSession();
        session.gone();
        assertTrue(session.isInvalid());
        assertFalse(session.isInvalidatedByApplication());
    }
}
