package dev.sessionkit.cli;

import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.redis.RedisSessionStore;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keys, sessions and health commands and the exit statuses, through {@code java -jar} as a user runs them. */
class CommandLineTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir
    Path dir;
    private RedisSessionStore store;

    @BeforeEach
    void openStore() {
        redis.flushAll();
        store = RedisSessionStore.builder().uri(redis.uri()).expiryEvents(false).build();
        store.start(StoreContext.NONE);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void keysCreatesAddsPromotesListsAndRemovesKeysOfAKeysetFile() throws Exception {
        String file = dir.resolve("keys.json").toString();

        Cli.Result created = ok("keys", "new", file);
        String first = keyIds(created).get(0);
        Cli.Result added = ok("keys", "add", file, "--aead", "xchacha20-poly1305");
        String second = keyIds(added).get(1);
        ok("keys", "promote", file, second);
        Cli.Result listed = ok("keys", "list", file);
        Cli.Result removed = ok("keys", "remove", file, first);

        assertEquals("KEY_ID      ALGORITHM           STATUS    ROLE", listed.out().lines().findFirst().orElseThrow());
        assertEquals(List.of(first + " aes256-gcm enabled -", second + " xchacha20-poly1305 enabled primary"),
                rows(listed));
        assertEquals(List.of(second + " xchacha20-poly1305 enabled primary"), rows(removed));
        assertFalse(Files.readString(Path.of(file)).isBlank());
    }

    @Test
    void keysRefusesToOverwriteAKeysetOrRemoveThePrimaryWithUsageErrors() {
        String file = dir.resolve("keys.json").toString();
        String primary = keyIds(ok("keys", "new", file)).get(0);

        Cli.Result again = Cli.run(dir, "keys", "new", file);
        Cli.Result removePrimary = Cli.run(dir, "keys", "remove", file, primary);

        assertEquals(2, again.exitCode(), again.toString());
        assertTrue(again.err().contains("exists already"), again.toString());
        assertEquals(2, removePrimary.exitCode(), removePrimary.toString());
        assertTrue(removePrimary.err().contains("promote another key first"), removePrimary.toString());
    }

    @Test
    void sessionsCountListShowAndDeleteWorkOnStoreIds() {
        SessionData alice = session("alice", Map.of("cart", "[\"S\",\"three apples\"]", "dev.sessionkit.csrf", "\"csrf-secret-token\""));
        SessionData anonymous = session(null, Map.of("theme", "\"dark\""));

        assertEquals("2", ok(redisArgs("sessions", "count")).out().strip());
        String listing = ok(redisArgs("sessions", "list")).out();
        assertTrue(listing.startsWith("ID "), listing);
        assertTrue(listing.contains(alice.id()) && listing.contains(anonymous.id()) && listing.contains("alice"), listing);
        String shown = ok(redisArgs("sessions", "show", alice.id())).out();
        assertTrue(shown.contains("principal:    alice"), shown);
        assertTrue(shown.contains("cart = [\"S\",\"three apples\"]"), shown);
        assertFalse(shown.contains("csrf-secret-token"), shown);
        assertTrue(ok(redisArgs("sessions", "delete", anonymous.id())).out().contains("deleted 1 session"));
        Cli.Result deletedAgain = Cli.run(dir, redisArgs("sessions", "delete", anonymous.id()));

        assertEquals(1, deletedAgain.exitCode(), deletedAgain.toString());
        assertEquals(1, store.count());
    }

    @Test
    void sessionsUserListsAndLogsOutEveryDeviceOfAUser() {
        SessionData laptop = session("bob", Map.of());
        SessionData phone = session("bob", Map.of());
        SessionData other = session("carol", Map.of());

        String listing = ok(redisArgs("sessions", "user", "bob")).out();
        Cli.Result loggedOut = ok(redisArgs("sessions", "user", "bob", "--delete"));

        assertTrue(listing.contains(laptop.id()) && listing.contains(phone.id()) && !listing.contains(other.id()), listing);
        assertTrue(loggedOut.out().contains("deleted 2 sessions of bob"), loggedOut.toString());
        assertEquals(1, store.count());
    }

    @Test
    void healthExitsZeroWhenTheStoreAnswersAndOneWhenItIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Cli.Result up = Cli.run(dir, redisArgs("health"));
        Cli.Result down = Cli.run(dir, "health", "-p", "store=redis", "-p", "redis.uri=redis://127.0.0.1:" + closedPort,
                "-p", "redis.timeout=500ms");

        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(up.out().startsWith("UP"), up.toString());
        assertEquals(1, down.exitCode(), down.toString());
        assertTrue(down.out().startsWith("DOWN"), down.toString());
    }

    @Test
    void aMisspelledInitParamIsAUsageErrorThatNamesTheRightOne() throws Exception {
        Path config = dir.resolve("sessions.properties");
        Files.writeString(config, "store=redis\nredis.uri=" + redis.uri() + "\nredis.expiry-event=false\n");

        Cli.Result result = Cli.run(dir, "sessions", "count", "--config", config.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("Unknown init-param 'redis.expiry-event': did you mean redis.expiry-events?"),
                result.toString());
        assertFalse(result.err().contains("\tat "), "no stack trace without --verbose: " + result);
    }

    @Test
    void theCookieStoreCannotBeExportedAndSaysWhy() {
        String keys = dir.resolve("cookie-keys.json").toString();
        ok("keys", "new", keys);

        Cli.Result result = Cli.run(dir, "export", dir.resolve("out.jsonl").toString(), "-p", "store=cookie",
                "-p", "cookie-store.keyset-file=" + keys, "-p", "cookie-store.cleartext-keyset=true");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("The cookie store keeps each session in its browser's cookie"), result.toString());
        assertFalse(Files.exists(dir.resolve("out.jsonl")));
    }

    private Cli.Result ok(String... args) {
        Cli.Result result = Cli.run(dir, args);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    private String[] redisArgs(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("-p", "store=redis", "-p", "redis.uri=" + redis.uri(), "-p", "redis.expiry-events=false"));
        return args.toArray(String[]::new);
    }

    private SessionData session(String principal, Map<String, String> attributes) {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        attributes.forEach((name, json) -> encoded.put(name, json.getBytes(StandardCharsets.UTF_8)));
        long now = System.currentTimeMillis();
        SessionData session = new SessionData(SessionIds.newId(), now, now, 1800, principal, encoded);
        assertTrue(store.insert(session, now));
        return session;
    }

    /** The listing's rows, blanks squeezed. */
    private static List<String> rows(Cli.Result listing) {
        return listing.out().lines().skip(1).map(line -> line.strip().replaceAll(" +", " ")).toList();
    }

    private static List<String> keyIds(Cli.Result listing) {
        return rows(listing).stream().map(row -> row.substring(0, row.indexOf(' '))).toList();
    }
}
