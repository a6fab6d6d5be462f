package dev.sessionkit.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopedResourceTest {

    /** A stand-in that records whether it was cleaned or closed. */
    static final class Thing implements AutoCloseable {
        int cleanings;
        boolean closed;
        boolean broken;

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<Thing> started = new ArrayList<>();

    private ScopedResource<Thing> scoped(boolean reuse) {
        return new ScopedResource<>("thing", () -> {
            Thing thing = new Thing();
            started.add(thing);
            return thing;
        }, thing -> {
            if (thing.broken) {
                throw new IllegalStateException("broken");
            }
            thing.cleanings++;
        }, reuse);
    }

    /** Class A opens the resource, uses it and closes it, as its callbacks would. */
    private static Thing ownedByClassA(ScopedResource<Thing> resource) throws Exception {
        resource.open("[class:A]");
        Thing thing = resource.get();
        resource.close("[class:A]");
        return thing;
    }

    @Test
    void theOwnersCloseStopsTheResourceAndTheNextOwnerGetsANewOne() throws Exception {
        ScopedResource<Thing> resource = scoped(false);
        Thing first = ownedByClassA(resource);
        assertTrue(first.closed);
        assertThrows(IllegalStateException.class, resource::get);

        resource.open("[class:B]");
        assertNotSame(first, resource.get());
        assertEquals(0, resource.get().cleanings);
    }

    @Test
    void aNestedContextNeitherStartsNorClosesWhatItsEnclosingContextOwns() throws Exception {
        ScopedResource<Thing> resource = scoped(false);
        resource.open("[class:A]");
        resource.open("[class:A]/[method:m]");
        resource.close("[class:A]/[method:m]");
        assertEquals(1, started.size());
        assertEquals(false, resource.get().closed);
    }

    @Test
    void inReuseModeTheNextOwnerTakesOverTheCleanedResource() throws Exception {
        ScopedResource<Thing> resource = scoped(true);
        Thing first = ownedByClassA(resource);
        assertEquals(false, first.closed);
        assertThrows(IllegalStateException.class, resource::get, "nobody owns it between test classes");

        resource.open("[class:B]");
        assertSame(first, resource.get());
        assertEquals(1, first.cleanings);
        assertEquals(1, started.size());
    }

    @Test
    void inReuseModeAResourceThatCannotBeCleanedIsClosedAndReplaced() throws Exception {
        ScopedResource<Thing> resource = scoped(true);
        Thing first = ownedByClassA(resource);
        first.broken = true;

        resource.open("[class:B]");
        assertTrue(first.closed);
        assertNotSame(first, resource.get());
        assertEquals(2, started.size());
    }
}
