package dev.sessionkit.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The whole sample flow, the admin page and "my sessions" included, on {@code --store=jdbc} with an embedded
 * H2 file of each test's own.
 */
class JdbcStoreSampleTest extends SampleFlowContract {

    @Override
    protected RunningSample start() {
        Path file = Path.of("target", "jdbc-sample", UUID.randomUUID().toString(), "sessions").toAbsolutePath();
        SampleApp app = SampleApp.start(SampleOptions.parse(new String[] {"--port=0", "--store=jdbc",
                "--jdbc-url=jdbc:h2:file:" + file}, SampleAppTest.ENV::get));
        return new RunningSample(app::uri, "", () -> {
            app.close();
            deleteTree(file.getParent());
        });
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
