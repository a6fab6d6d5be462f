package dev.sessionkit.store.cookie.tomcat;

import dev.sessionkit.store.InMemoryRevocationList;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.cookie.RevocationFilterContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;
import org.junit.jupiter.api.Tag;

import java.util.concurrent.atomic.AtomicLong;

/** Revocation with the in-memory list, in embedded Tomcat. */
@Tag("tomcat")
class TomcatRevocationTest extends RevocationFilterContract {

    private final InMemoryRevocationList memory = new InMemoryRevocationList(InMemoryRevocationList.DEFAULT_CAPACITY);
    private final AtomicLong lookups = new AtomicLong();

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }

    @Override
    protected RevocationList newList() {
        return new CountingList(memory, lookups);
    }

    @Override
    protected long lookups() {
        return lookups.get();
    }

    @Override
    protected void forgetRecords(String principal) {
        memory.forgetSessions(principal, memory.sessionsOf(principal, System.currentTimeMillis()).keySet());
    }
}
