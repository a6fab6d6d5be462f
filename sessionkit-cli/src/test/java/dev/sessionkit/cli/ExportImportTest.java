package dev.sessionkit.cli;

import dev.sessionkit.testing.jdbc.PostgresDatabase;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.jdbc.JdbcSessionStore;
import dev.sessionkit.store.redis.RedisSessionStore;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export and import through the packaged tool, between Redis and PostgreSQL, as an operator runs them. */
class ExportImportTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    @RegisterExtension
    static final PostgresDatabase database = new PostgresDatabase();
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    Path dir;
    private final List<SessionStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(SessionStore::close);
    }

    @Test
    void exportFromRedisThenImportIntoPostgresAndBackKeepsEverySessionAndItsTimeToLive() throws Exception {
        Redis source = new Redis();
        List<SessionData> sessions = source.fill(12);
        Jdbc postgres = new Jdbc();
        Redis back = new Redis();

        assertOk(Cli.run(dir, source.args("export", file("redis.jsonl"))));
        Cli.Result intoPostgres = Cli.run(dir, postgres.args("import", file("redis.jsonl")));
        assertOk(intoPostgres);
        assertTrue(intoPostgres.err().contains("12 imported, 0 skipped existing, 0 skipped expired"), intoPostgres.toString());
        assertOk(Cli.run(dir, postgres.args("export", file("postgres.jsonl"))));
        assertOk(Cli.run(dir, back.args("import", file("postgres.jsonl"))));

        for (SessionData session : sessions) {
            assertEquals(session, postgres.read(session.id()));
            assertEquals(session, back.read(session.id()));
            long sourceTtl = source.pttl(session.id());
            assertTrue(Math.abs(sourceTtl - back.pttl(session.id())) < 1000, sourceTtl + " vs " + back.pttl(session.id()));
            assertTrue(Math.abs(sourceTtl - postgres.millisLeft(session.id())) < 1000,
                    sourceTtl + " vs " + postgres.millisLeft(session.id()));
        }
    }

    @Test
    void aSecondImportChangesNothingAndReportsTheSessionsAsExisting() {
        Redis source = new Redis();
        List<SessionData> sessions = source.fill(5);
        Jdbc target = new Jdbc();
        assertOk(Cli.run(dir, source.args("export", file("sessions.jsonl"))));
        assertOk(Cli.run(dir, target.args("import", file("sessions.jsonl"))));
        target.store.delete(sessions.get(0).id(), System.currentTimeMillis()); // a logout after the first import

        Cli.Result again = Cli.run(dir, target.args("import", file("sessions.jsonl")));

        assertOk(again);
        assertTrue(again.err().contains("1 imported, 4 skipped existing"), again.toString());
        for (SessionData session : sessions) {
            assertEquals(session, target.read(session.id()));
        }
    }

    @Test
    void sessionsThatHaveEndedAreSkipped() throws Exception {
        long now = System.currentTimeMillis();
        SessionData live = session(now - 60_000, 1800, "alice");
        SessionData idledOut = session(now - 3_600_000, 1800, "bob");
        SessionData pastDeadline = session(now - 60_000, 1800, "carol");
        Files.write(dir.resolve("hand.jsonl"), List.of(
                "{\"format\":\"sessionkit-sessions\",\"version\":1,\"file\":\"f\",\"encrypted\":false,\"exportedAt\":" + now + "}",
                ExportFormat.session(new ExportedSession(live, 0)),
                ExportFormat.session(new ExportedSession(idledOut, 0)),
                ExportFormat.session(new ExportedSession(pastDeadline, now - 1)),
                "{\"end\":true,\"sessions\":3}"), StandardCharsets.UTF_8);
        Redis target = new Redis();

        Cli.Result result = Cli.run(dir, target.args("import", file("hand.jsonl")));

        assertOk(result);
        assertTrue(result.err().contains("1 imported, 0 skipped existing, 2 skipped expired"), result.toString());
        assertEquals(live, target.read(live.id()));
        assertEquals(null, target.read(idledOut.id()));
        assertEquals(null, target.read(pastDeadline.id()));
    }

    @Test
    void anEncryptedExportIsOwnerOnlyHidesTheSessionsAndOpensOnlyWithItsKeyset() throws Exception {
        Redis source = new Redis();
        List<SessionData> sessions = source.fill(3);
        assertOk(Cli.run(dir, "keys", "new", file("export-key.json")));
        assertOk(Cli.run(dir, "keys", "new", file("other-key.json")));
        assertOk(Cli.run(dir, source.args("export", file("sealed.jsonl"), "--keyset", file("export-key.json"))));
        String sealed = Files.readString(dir.resolve("sealed.jsonl"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sealed.jsonl"))));
        assertFalse(sealed.contains("user0") || sealed.contains("user1"), sealed);
        for (SessionData session : sessions) {
            assertFalse(sealed.contains(session.id())
                    || sealed.contains(Base64.getEncoder().encodeToString(session.attributes().get("cart"))), sealed);
        }
        Redis target = new Redis();

        Cli.Result withoutKeyset = Cli.run(dir, target.args("import", file("sealed.jsonl")));
        Cli.Result wrongKeyset = Cli.run(dir, target.args("import", file("sealed.jsonl"), "--keyset", file("other-key.json")));
        assertEquals(0, target.count());
        Cli.Result rightKeyset = Cli.run(dir, target.args("import", file("sealed.jsonl"), "--keyset", file("export-key.json")));

        assertEquals(2, withoutKeyset.exitCode(), withoutKeyset.toString());
        assertTrue(withoutKeyset.err().contains("is encrypted: give the keyset it was exported with (--keyset)"), withoutKeyset.toString());
        assertEquals(1, wrongKeyset.exitCode(), wrongKeyset.toString());
        assertTrue(wrongKeyset.err().contains("line 2 does not open with --keyset"), wrongKeyset.toString());
        assertOk(rightKeyset);
        for (SessionData session : sessions) {
            assertEquals(session, target.read(session.id()));
        }
    }

    @Test
    void anImportCutShortResumesAfterTheLastLineItDid() throws Exception {
        Redis source = new Redis();
        List<SessionData> sessions = source.fill(8);
        assertOk(Cli.run(dir, source.args("export", file("full.jsonl"))));
        List<String> lines = Files.readAllLines(dir.resolve("full.jsonl"));
        Path export = dir.resolve("sessions.jsonl");
        Files.write(export, lines.subList(0, 6)); // the header and five sessions: the copy stopped half-way
        Jdbc target = new Jdbc();

        Cli.Result cut = Cli.run(dir, target.args("import", export.toString(), "--progress-every", "2"));
        assertEquals(1, cut.exitCode(), cut.toString());
        assertTrue(cut.err().contains("without its end line"), cut.toString());
        assertTrue(Files.exists(dir.resolve("sessions.jsonl.progress")));
        // Removed after the first run: a resume that started over would import it again.
        String first = ExportFormat.parse(lines.get(1), "line 2", 0).session().id();
        target.store.delete(first, System.currentTimeMillis());
        Files.write(export, lines);

        Cli.Result resumed = Cli.run(dir, target.args("import", export.toString(), "--resume"));

        assertOk(resumed);
        assertTrue(resumed.err().contains("resuming after line 6"), resumed.toString());
        assertTrue(resumed.err().contains("8 imported, 0 skipped existing"), resumed.toString());
        assertEquals(null, target.read(first));
        assertEquals(7, sessions.stream().filter(s -> s.equals(target.read(s.id()))).count());
        assertFalse(Files.exists(dir.resolve("sessions.jsonl.progress")));
    }

    @Test
    void anExportStoppedAfterTwoPagesResumesFromItsCursorAndWritesEverySessionExactlyOnce() throws Exception {
        Jdbc source = new Jdbc();
        List<SessionData> sessions = source.fill(10);
        Path export = dir.resolve("sessions.jsonl");
        Path progress = dir.resolve("sessions.jsonl.progress");

        Cli.Result stopped = Cli.run(dir, source.args("export", export.toString(), "--page-size", "3", "--stop-after-pages", "2"));
        assertEquals(1, stopped.exitCode(), stopped.toString());
        assertTrue(Files.exists(progress));
        assertEquals(7, Files.readAllLines(export).size(), "the header and two pages of three");
        Redis target = new Redis();
        Cli.Result tooEarly = Cli.run(dir, target.args("import", export.toString()));
        assertEquals(2, tooEarly.exitCode(), tooEarly.toString());
        assertTrue(tooEarly.err().contains("is still being exported"), tooEarly.toString());
        // A line half written when the process died, past the checkpoint: resume cuts it off.
        Files.writeString(export, "{\"id\":\"torn", StandardOpenOption.APPEND);

        Cli.Result resumed = Cli.run(dir, source.args("export", export.toString(), "--resume", "--page-size", "3"));

        assertOk(resumed);
        assertTrue(resumed.err().contains("export: resuming after 6 sessions"), resumed.toString());
        assertFalse(Files.exists(progress));
        List<String> lines = Files.readAllLines(export);
        List<String> ids = lines.subList(1, lines.size() - 1).stream()
                .map(line -> ExportFormat.parse(line, "line", 0).session().id()).sorted().toList();
        assertEquals(sessions.stream().map(SessionData::id).sorted().toList(), ids);
        assertEquals(ExportFormat.end(10), lines.get(lines.size() - 1));
        Cli.Result again = Cli.run(dir, source.args("export", export.toString(), "--resume"));
        assertEquals(2, again.exitCode(), again.toString());
        assertTrue(again.err().contains("the export of " + export + " finished or never started"), again.toString());
        importsEachOnce(target, sessions, export.toString());
    }

    @Test
    void anEncryptedExportResumesSealingEachLineUnderItsOwnNumberAndImportsEverySessionOnce() throws Exception {
        Redis source = new Redis();
        List<SessionData> sessions = source.fill(30);
        assertOk(Cli.run(dir, "keys", "new", file("export-key.json")));
        String export = file("sealed.jsonl");

        Cli.Result stopped = Cli.run(dir, source.args("export", export, "--keyset", file("export-key.json"),
                "--page-size", "4", "--stop-after-pages", "2"));
        assertEquals(1, stopped.exitCode(), stopped.toString());
        assertTrue(stopped.err().contains("stopped after 2 pages"), stopped.toString());
        long before = Files.readAllLines(Path.of(export)).size() - 1;
        assertTrue(before > 0 && before < 30, before + " sessions before the stop");
        Cli.Result withoutKeyset = Cli.run(dir, source.args("export", export, "--resume"));
        assertEquals(2, withoutKeyset.exitCode(), withoutKeyset.toString());

        Cli.Result resumed = Cli.run(dir, source.args("export", export, "--resume", "--keyset", file("export-key.json"),
                "--page-size", "4"));

        assertOk(resumed);
        assertTrue(resumed.err().contains("export: resuming after " + before + " sessions"), resumed.toString());
        importsEachOnce(new Jdbc(), sessions, export, "--keyset", file("export-key.json"));
    }

    /** Imports the export into {@code target}: every session once, none found there already, each equal. */
    private void importsEachOnce(Target target, List<SessionData> sessions, String export, String... options) {
        List<String> args = new ArrayList<>(List.of(export));
        args.addAll(List.of(options));
        Cli.Result imported = Cli.run(dir, target.args("import", args.toArray(String[]::new)));
        assertOk(imported);
        assertTrue(imported.err().contains(sessions.size() + " imported, 0 skipped existing, 0 skipped expired"),
                imported.toString());
        for (SessionData session : sessions) {
            assertEquals(session, target.read(session.id()));
        }
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void assertOk(Cli.Result result) {
        assertEquals(0, result.exitCode(), result.toString());
    }

    private static SessionData session(long lastAccessed, int maxInactive, String principal) {
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        attributes.put("cart", ("[\"S\",\"cart of " + principal + "\"]").getBytes(StandardCharsets.UTF_8));
        attributes.put("visits", Integer.toString(maxInactive).getBytes(StandardCharsets.UTF_8));
        return new SessionData(SessionIds.newId(), lastAccessed - 600_000, lastAccessed, maxInactive, principal, attributes);
    }

    /** Sessions last used a few minutes ago, some anonymous, inserted with their remaining lifetimes. */
    private static List<SessionData> fill(SessionStore store, int count) {
        long now = System.currentTimeMillis();
        List<SessionData> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SessionData session = session(now - 60_000L * (i + 1), 1800 + 60 * i, i % 3 == 2 ? null : "user" + (i % 2));
            assertTrue(store.insert(session, now));
            sessions.add(session);
        }
        return sessions;
    }

    /** A store the tool is pointed at: its init-params and a client of its own. */
    private abstract class Target {
        final SessionStore store;
        private final List<String> params;

        Target(SessionStore store, String... params) {
            this.store = store;
            this.params = List.of(params);
            store.start(StoreContext.NONE);
            opened.add(store);
        }

        List<SessionData> fill(int count) {
            return ExportImportTest.fill(store, count);
        }

        String[] args(String command, String... more) {
            List<String> args = new ArrayList<>();
            args.add(command);
            for (String param : params) {
                args.addAll(List.of("-p", param));
            }
            args.addAll(List.of(more));
            return args.toArray(String[]::new);
        }

        SessionData read(String id) {
            LoadResult result = store.load(id, System.currentTimeMillis(), Long.MAX_VALUE);
            return result.isFound() ? result.session() : null;
        }
    }

    /** A Redis store of the test's own, under a key prefix nobody else uses. */
    private final class Redis extends Target {
        private final RedisSessionStore redisStore;
        final String prefix;

        Redis() {
            this("t" + NAMES.incrementAndGet() + ":");
        }

        private Redis(String prefix) {
            this(prefix, RedisSessionStore.builder().uri(redis.uri()).keyPrefix(prefix).expiryEvents(false).build());
        }

        private Redis(String prefix, RedisSessionStore store) {
            super(store, "store=redis", "redis.uri=" + redis.uri(), "redis.prefix=" + prefix, "redis.expiry-events=false");
            this.redisStore = store;
            this.prefix = prefix;
        }

        long count() {
            return redisStore.count();
        }

        long pttl(String id) {
            return Long.parseLong(redis.cli("PTTL", prefix + "s:{" + SessionIds.lineage(id) + "}"
                    + id.substring(SessionIds.LINEAGE_LENGTH)).strip());
        }
    }

    /** The JDBC store on the test's PostgreSQL database, in tables of its own. */
    private final class Jdbc extends Target {
        final String prefix;

        Jdbc() {
            this("t" + NAMES.incrementAndGet() + "_");
        }

        private Jdbc(String prefix) {
            super(JdbcSessionStore.builder().url(database.url(), "postgres", null).tablePrefix(prefix).createSchema(true).build(),
                    "store=jdbc", "jdbc.url=" + database.url(), "jdbc.user=postgres", "jdbc.table-prefix=" + prefix);
            this.prefix = prefix;
        }

        long millisLeft(String id) throws SQLException {
            try (Connection c = database.connect();
                 PreparedStatement query = c.prepareStatement("SELECT expiry_time FROM " + prefix + "sessions WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet row = query.executeQuery()) {
                    assertTrue(row.next(), "no row for the session");
                    return row.getLong(1) - System.currentTimeMillis();
                }
            }
        }
    }
}
