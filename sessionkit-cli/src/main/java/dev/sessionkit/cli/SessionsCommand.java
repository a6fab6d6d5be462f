package dev.sessionkit.cli;

import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.function.Function;

/**
 * {@code sessionkit sessions}: the store's admin view. IDs are the store's: with {@code store.hash-ids} on
 * (the default) the store ID that {@code list} and {@code user} print, never a cookie's session ID.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "Count, list, show and delete a store's sessions. IDs are the store IDs that list prints.")
final class SessionsCommand {

    @Command(name = "count", description = "Print the number of live sessions.")
    void count(@Mixin StoreOptions storeOptions) {
        withAdmin(storeOptions, "count sessions", admin -> {
            System.out.println(admin.count());
            return null;
        });
    }

    @Command(name = "list", description = "List sessions under a header, in no particular order.")
    void list(@Mixin StoreOptions storeOptions, @Option(names = "--limit", defaultValue = "1000", paramLabel = "N",
            description = "The most sessions to print (default ${DEFAULT-VALUE}).") int limit) {
        withAdmin(storeOptions, "list sessions", admin -> {
            SessionTable table = new SessionTable(System.out);
            String cursor = null;
            int printed = 0;
            do {
                SessionPage page = admin.list(cursor, Math.min(500, limit - printed));
                for (SessionInfo info : page.sessions()) {
                    if (printed++ < limit) {
                        table.row(info);
                    }
                }
                cursor = page.cursor();
            } while (cursor != null && printed < limit);
            return null;
        });
    }

    @Command(name = "show", description = "Print one session's metadata and attributes (JSON).")
    void show(@Mixin StoreOptions storeOptions, @Parameters(paramLabel = "ID") String id) {
        try (OpenStore open = storeOptions.open()) {
            SessionInfo info = open.admin("show a session").find(id)
                    .orElseThrow(() -> new CommandFailure("No live session with ID " + id));
            LoadResult loaded = open.store().load(info.id(), System.currentTimeMillis(), Long.MAX_VALUE);
            if (!loaded.isFound()) {
                throw new CommandFailure("No live session with ID " + id);
            }
            new SessionDetails(System.out, open.config().attributeAead()).print(loaded.session());
        }
    }

    @Command(name = "delete", description = "Delete one session: its user is logged out.")
    void delete(@Mixin StoreOptions storeOptions, @Parameters(paramLabel = "ID") String id) {
        withAdmin(storeOptions, "delete a session", admin -> {
            if (!admin.delete(id)) {
                throw new CommandFailure("No live session with ID " + id);
            }
            System.out.println("deleted 1 session");
            return null;
        });
    }

    @Command(name = "user", description = "List a user's sessions, most recent first; --delete logs the user out everywhere.")
    void user(@Mixin StoreOptions storeOptions, @Parameters(paramLabel = "PRINCIPAL") String principal,
              @Option(names = "--delete", description = "Delete every session of the user.") boolean delete) {
        withAdmin(storeOptions, "list a user's sessions", admin -> {
            if (delete) {
                System.out.println("deleted " + admin.deleteAllOf(principal) + " sessions of " + principal);
            } else {
                List<SessionInfo> sessions = admin.sessionsOf(principal);
                SessionTable table = new SessionTable(System.out);
                sessions.forEach(table::row);
            }
            return null;
        });
    }

    private static void withAdmin(StoreOptions storeOptions, String what, Function<SessionAdmin, Void> command) {
        try (OpenStore open = storeOptions.open()) {
            command.apply(open.admin(what));
        }
    }
}
