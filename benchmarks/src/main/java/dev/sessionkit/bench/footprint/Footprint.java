package dev.sessionkit.bench.footprint;

import dev.sessionkit.bench.fixtures.SessionFixtures;
import dev.sessionkit.codec.SessionDataCodec;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.cookie.CookieAead;
import dev.sessionkit.store.cookie.CookieKeys;
import dev.sessionkit.store.cookie.CookieSessionStore;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.session.ManagedSession;
import org.eclipse.jetty.session.SessionManager;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sizes that BENCHMARKS.md quotes: heap bytes per in-memory session (sessionkit's store and Jetty's
 * session cache, 100,000 sessions of the load run's four small attributes, heap measured after full GCs
 * before and after), the encoded size of the benchmark sessions, and the cookie store's cookie length.
 * Run with a fixed heap ({@code -Xms1g -Xmx1g}) so the collector does not resize it between readings.
 */
public final class Footprint {

    private static final int SESSIONS = 100_000;

    private Footprint() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        StringBuilder md = new StringBuilder();
        md.append("## Footprint\n\n");
        md.append(String.format(Locale.ROOT, "Heap per in-memory session (%,d sessions of 4 small attributes; used heap after"
                + " full GC, before and after):%n%n", SESSIONS));
        md.append("| Store | bytes per session |\n|---|---:|\n");
        md.append(String.format(Locale.ROOT, "| sessionkit InMemorySessionStore | %,d |%n", sessionkitHeapPerSession()));
        md.append(String.format(Locale.ROOT, "| Jetty 12 DefaultSessionCache (ManagedSession) | %s |%n", jettyHeapPerSession()));

        md.append("\nBenchmark sessions (encoded attribute bytes, the whole-session JSON document, and the cookie store's"
                + " cookie value):\n\n");
        md.append("| Session | attributes | encoded attribute bytes | document bytes | cookie value chars |\n|---|---:|---:|---:|---:|\n");
        CookieSessionStore cookies = CookieSessionStore.builder().keyset(CookieKeys.generate(CookieAead.AES256_GCM))
                .maxChunks(4).build();
        cookies.start(new StoreContext(Duration.ofHours(8), id -> { }));
        long now = System.currentTimeMillis();
        row(md, "load run (4 small)", SessionFixtures.small(1), cookies, now);
        for (int size : new int[]{1024, 4096, 10240}) {
            row(md, size / 1024 + " KB", SessionFixtures.sized(size), cookies, now);
        }
        System.out.println(md);
    }

    private static void row(StringBuilder md, String name, Map<String, Object> attributes, CookieSessionStore cookies, long now) {
        SessionData session = SessionFixtures.session(attributes, now);
        String token = cookies.save(session, new SessionChanges(true, attributes.keySet(), Set.of(), false));
        md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %,d | %,d |%n", name, attributes.size(),
                SessionFixtures.encodedSize(session.attributes()), SessionDataCodec.encode(session).length, token.length()));
    }

    private static long sessionkitHeapPerSession() throws InterruptedException {
        InMemorySessionStore store = InMemorySessionStore.builder().maxSessions(SESSIONS * 2)
                .sweepInterval(Duration.ofHours(1)).build();
        long now = System.currentTimeMillis();
        long before = usedHeapAfterGc();
        for (int i = 0; i < SESSIONS; i++) {
            // As the filter saves a new session: values encoded by the codec, one SessionData per session.
            Map<String, Object> attributes = SessionFixtures.small(i);
            SessionData session = new SessionData(SessionIds.newId(), now, now, 1800, null, SessionFixtures.encode(attributes));
            store.save(session, new SessionChanges(true, attributes.keySet(), Set.of(), false));
        }
        long after = usedHeapAfterGc();
        if (store.count() != SESSIONS) {
            throw new IllegalStateException("store holds " + store.count() + " sessions");
        }
        store.close();
        return (after - before) / SESSIONS;
    }

    /** Jetty's in-memory sessions as a started ServletContextHandler with SESSIONS creates them. */
    private static String jettyHeapPerSession() throws Exception {
        Server server = new Server();
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.getSessionHandler().setMaxInactiveInterval(1800);
        server.setHandler(context);
        server.start();
        try {
            SessionManager sessions = context.getSessionHandler();
            List<ManagedSession> created = new ArrayList<>(SESSIONS);
            long before = usedHeapAfterGc();
            for (int i = 0; i < SESSIONS; i++) {
                AtomicReference<ManagedSession> session = new AtomicReference<>();
                sessions.newSession(null, null, session::set);
                for (Map.Entry<String, Object> attribute : SessionFixtures.small(i).entrySet()) {
                    session.get().setAttribute(attribute.getKey(), attribute.getValue());
                }
                created.add(session.get());
            }
            created.clear();
            long after = usedHeapAfterGc();
            return String.format(Locale.ROOT, "%,d", (after - before) / SESSIONS);
        } catch (RuntimeException e) {
            return "not measured (" + e + ")";
        } finally {
            server.stop();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
