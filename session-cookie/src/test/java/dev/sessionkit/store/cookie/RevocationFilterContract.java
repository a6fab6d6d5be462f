package dev.sessionkit.store.cookie;

import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.filter.Sessions;
import dev.sessionkit.store.ForwardingRevocationList;
import dev.sessionkit.store.InMemoryRevocationList;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.cookie.CookieSessionStore.Rejection;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Revocable cookie sessions behind the real filter, over HTTP: a copy of a cookie (a stolen one, or one the
 * user kept) stops working at logout, rotation and "log out everywhere". Subclasses give the revocation list
 * (memory, Redis, JDBC) and count its lookups.
 */
public abstract class RevocationFilterContract {

    static final String COOKIE = "SESSION";
    static final Duration ABSOLUTE = Duration.ofHours(8);

    private final KeysetHandle keyset = CookieKeys.generate(CookieAead.AES256_GCM);
    protected CookieSessionStore store;
    protected ServletContainer server;

    private final InMemoryRevocationList memory = new InMemoryRevocationList(InMemoryRevocationList.DEFAULT_CAPACITY);
    private final AtomicLong memoryLookups = new AtomicLong();

    /** @return a new, empty list for one test, which the store closes; the in-memory list by default */
    protected RevocationList newList() {
        return new CountingList(memory, memoryLookups);
    }

    /** @return how many lookups the list's backend has answered so far */
    protected long lookups() {
        return memoryLookups.get();
    }

    /** @return the in-memory list {@link #newList} gives by default */
    protected InMemoryRevocationList memory() {
        return memory;
    }

    /** @return a builder for the container under test */
    protected ContainerBuilder<?, ?> container() {
        return JettyServer.builder();
    }

    @BeforeEach
    void startServer() {
        store = CookieSessionStore.builder().keyset(keyset).revocation(newList()).build();
        SessionConfig config = SessionConfig.builder()
                .secret("cookie-revocation-secret-0123456789abcdef")
                .secure(false)
                .store(store)
                .idleTimeout(Duration.ofMinutes(30))
                .absoluteTimeout(ABSOLUTE)
                .build();
        server = container().filter(new SessionFilter(config), "/*")
                .servlet(new SessionServlet(), "/s/*")
                .servlet(new AdminServlet(), "/admin/*")
                .start();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void aCopyOfTheCookieDiesAtLogout() {
        CookieClient browser = loggedIn("alice");
        get(browser, "/s/set?name=cart&value=3");
        CookieClient thief = copyOf(browser);
        assertEquals("3", get(thief, "/s/get?name=cart"), "the copy works until logout");

        get(browser, "/s/invalidate");

        assertEquals("no-session", get(thief, "/s/get?name=cart"));
        assertEquals(1, store.rejected().get(Rejection.REVOKED));
    }

    @Test
    public void rotationKillsTheCopyFromBeforeItWhileTheNewCookieOpens() {
        CookieClient browser = new CookieClient();
        get(browser, "/s/set?name=theme&value=dark");
        CookieClient fixated = copyOf(browser);

        get(browser, "/s/login?user=alice");

        assertEquals("no-session", get(fixated, "/s/get?name=theme"), "the pre-login cookie is dead");
        assertEquals("dark", get(browser, "/s/get?name=theme"), "the cookie sealed by the login opens");
        assertEquals("alice", get(browser, "/s/principal"));
    }

    @Test
    public void logOutEverywhereKillsEveryCopyOfEverySessionOfTheUserAndNoOneElses() {
        CookieClient laptop = loggedIn("alice");
        CookieClient phone = loggedIn("alice");
        CookieClient laptopCopy = copyOf(laptop);
        CookieClient phoneCopy = copyOf(phone);
        CookieClient bob = loggedIn("bob");

        assertEquals("2", get(new CookieClient(), "/admin/logout-everywhere?user=alice"));

        for (CookieClient dead : List.of(laptop, phone, laptopCopy, phoneCopy)) {
            assertEquals("no-session", get(dead, "/s/get?name=x"));
        }
        assertEquals("bob", get(bob, "/s/principal"));
    }

    @Test
    public void logOutEverywhereKillsACopyTheRecordMissed() {
        CookieClient laptop = loggedIn("alice");
        CookieClient copy = copyOf(laptop);
        forgetRecords("alice");

        get(new CookieClient(), "/admin/logout-everywhere?user=alice");

        assertEquals("no-session", get(copy, "/s/get?name=x"), "the principal's revocation covers it");
        assertEquals("alice", get(loggedIn("alice"), "/s/principal"), "a login after it lives");
    }

    @Test
    public void aRequestInFlightAtLogoutCannotSealALiveCookieOfTheSession() {
        CookieClient browser = loggedIn("alice");
        SessionData inFlight = store.load(browser.cookie(COOKIE), System.currentTimeMillis(), 0).live();

        get(browser, "/s/invalidate");
        String sealedAfter = store.save(inFlight.accessedAt(System.currentTimeMillis()), SessionChanges.TOUCH);

        assertNull(store.load(sealedAfter, System.currentTimeMillis(), 0).live());
    }

    @Test
    public void aRequestInFlightAtLogOutEverywhereCannotSealALiveCookieOfTheUser() {
        CookieClient browser = loggedIn("alice");
        SessionData inFlight = store.load(browser.cookie(COOKIE), System.currentTimeMillis(), 0).live();

        get(new CookieClient(), "/admin/logout-everywhere?user=alice");
        String sealedAfter = store.save(inFlight.accessedAt(System.currentTimeMillis()), SessionChanges.TOUCH);

        assertNull(store.load(sealedAfter, System.currentTimeMillis(), 0).live());
    }

    @Test
    public void adminListsTheUsersLiveCookieSessionsWithTheirLoginDetails() {
        CookieClient laptop = loggedIn("alice");
        CookieClient phone = loggedIn("alice");
        loggedIn("bob");
        new CookieClient().get(server.uri("/s/set?name=x&value=anonymous"));

        assertEquals(List.of(sessionId(laptop), sessionId(phone)).stream().sorted().toList(),
                get(laptop, "/admin/sessions?user=alice").lines().map(line -> line.split(" ")[0]).sorted().toList());
        assertEquals("127.0.0.1", get(laptop, "/admin/sessions?user=alice").lines().findFirst().orElseThrow().split(" ")[1]);

        get(phone, "/s/invalidate");

        assertEquals(sessionId(laptop), get(laptop, "/admin/sessions?user=alice").split(" ")[0],
                "a logged-out session is no longer listed");
    }

    @Test
    public void adminListsTheSessionUnderItsIdAfterRotation() {
        CookieClient laptop = loggedIn("alice");
        String before = sessionId(laptop);

        String after = get(laptop, "/s/rotate");

        assertNotEquals(before, after);
        assertEquals(after, get(laptop, "/admin/sessions?user=alice").split(" ")[0]);
    }

    @Test
    public void eachRequestWithASessionCostsOneLookup() {
        CookieClient browser = loggedIn("alice");
        CookieClient anonymous = new CookieClient();
        get(anonymous, "/s/set?name=x&value=1");
        long before = lookups();

        for (int i = 0; i < 3; i++) {
            get(browser, "/s/principal");
            get(anonymous, "/s/get?name=x");
        }

        assertEquals(6, lookups() - before);
    }

    @Test
    public void aCookieThatDoesNotOpenCostsNoLookup() {
        CookieClient browser = loggedIn("alice");
        String value = browser.cookie(COOKIE);
        CookieClient forger = new CookieClient();
        forger.setCookie(COOKIE, value.substring(0, value.length() - 2) + (value.endsWith("AA") ? "BB" : "AA"));
        long before = lookups();

        assertEquals("no-session", get(forger, "/s/get?name=x"));

        assertEquals(0, lookups() - before);
    }

    /** Drops the user's session records behind the store's back, as a full or lost record would. */
    protected void forgetRecords(String principal) {
        memory.forgetSessions(principal, memory.sessionsOf(principal, System.currentTimeMillis()).keySet());
    }

    protected CookieClient loggedIn(String user) {
        CookieClient browser = new CookieClient();
        get(browser, "/s/login?user=" + user);
        return browser;
    }

    protected static CookieClient copyOf(CookieClient browser) {
        CookieClient copy = new CookieClient();
        copy.setCookie(COOKIE, browser.cookie(COOKIE));
        return copy;
    }

    protected String get(CookieClient browser, String path) {
        HttpResponse<String> response = browser.get(server.uri(path));
        assertEquals(200, response.statusCode(), () -> path + " answered " + response.statusCode() + ": " + response.body());
        return response.body();
    }

    protected String sessionId(CookieClient browser) {
        return get(browser, "/s/info").lines().filter(l -> l.startsWith("session=")).findFirst().orElseThrow()
                .substring("session=".length());
    }

    /** The admin view as an application uses it, through {@link Sessions#admin}. */
    static final class AdminServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            SessionAdmin admin = Sessions.admin(request).orElseThrow();
            String user = request.getParameter("user");
            response.setContentType("text/plain;charset=UTF-8");
            String body = switch (request.getPathInfo()) {
                case "/sessions" -> admin.sessionsOf(user).stream()
                        .map(info -> info.id() + " " + info.details().get("ip")).collect(Collectors.joining("\n"));
                case "/logout-everywhere" -> String.valueOf(admin.deleteAllOf(user));
                default -> throw new IllegalArgumentException(request.getPathInfo());
            };
            response.getWriter().write(body);
        }
    }

    /** Counts lookups on the way to the list. */
    protected static final class CountingList extends ForwardingRevocationList {
        private final AtomicLong lookups;

        public CountingList(RevocationList list, AtomicLong lookups) {
            super(list);
            this.lookups = lookups;
        }

        @Override
        public Revoked lookup(String lineage, String principal, long now) {
            lookups.incrementAndGet();
            return super.lookup(lineage, principal, now);
        }
    }
}
