package dev.sessionkit.cli;

import dev.sessionkit.store.StoreHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code sessionkit health}: UP, DEGRADED (answers, with warnings) or DOWN; exit status 1 when DOWN. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Check the store now: UP, DEGRADED (answers, with warnings) or DOWN (exit status 1).")
final class HealthCommand implements Callable<Integer> {

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        var config = storeOptions.config();
        StoreHealth health;
        long start = System.nanoTime();
        try (OpenStore open = OpenStore.start(config)) {
            health = open.store().health();
        } catch (RuntimeException e) {
            health = StoreHealth.down(Duration.ofNanos(System.nanoTime() - start), e.getMessage());
        }
        System.out.println(!health.reachable() ? "DOWN" : health.healthy() ? "UP" : "DEGRADED");
        System.out.println("latency: " + health.latency().toMillis() + " ms");
        health.warnings().forEach(warning -> System.out.println("warning: " + warning));
        health.details().forEach((name, value) -> System.out.println(name + ": " + value));
        return health.reachable() ? 0 : SessionkitCommand.FAILED;
    }
}
