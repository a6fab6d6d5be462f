package dev.sessionkit.spring.boot;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Checks that the Jedis on the class path is one the Redis store is built for. Spring Boot's dependency
 * management picks Jedis for the application (6.0.0 under Boot 3.5, 7.0.0 under Boot 4.0), which then fails
 * on the first Redis call with {@code NoClassDefFoundError}; this says at start which version to set.
 */
final class JedisVersionCheck {

    /** The Jedis sessionkit is built and tested with; the oldest it supports. */
    static final String SUPPORTED = "7.5.3";
    private static final String POM = "META-INF/maven/redis.clients/jedis/pom.properties";

    private JedisVersionCheck() {
    }

    /**
     * @param loader the application's class loader
     * @throws SessionkitStartupException when Jedis is missing, older than {@value #SUPPORTED} or of another
     *                                    major version
     */
    static void check(ClassLoader loader) {
        String found = version(loader);
        if (found == null || !supported(found)) {
            String what = found == null ? "no Jedis jar" : "Jedis " + found;
            throw new SessionkitStartupException("sessionkit.store",
                    "sessionkit.store=redis needs Jedis " + SUPPORTED + " or a newer 7.x, but the class path has " + what
                            + " (Spring Boot's dependency management picks its own Jedis version, 6.0.0 under Boot 3.5"
                            + " and 7.0.0 under Boot 4.0).",
                    "Set <jedis.version>" + SUPPORTED + "</jedis.version> in your pom's <properties> (Gradle:"
                            + " ext['jedis.version'] = '" + SUPPORTED + "'), or import dev.sessionkit:sessionkit-bom ahead of"
                            + " Spring Boot's BOM.", null);
        }
    }

    static String version(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(POM)) {
            if (in == null) {
                return null;
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    static boolean supported(String version) {
        int[] found = numbers(version);
        int[] wanted = numbers(SUPPORTED);
        if (found[0] != wanted[0]) {
            return false;
        }
        for (int i = 1; i < 3; i++) {
            if (found[i] != wanted[i]) {
                return found[i] > wanted[i];
            }
        }
        return true;
    }

    private static int[] numbers(String version) {
        int[] parts = new int[3];
        String[] split = version.split("[.-]");
        for (int i = 0; i < 3 && i < split.length; i++) {
            try {
                parts[i] = Integer.parseInt(split[i]);
            } catch (NumberFormatException e) {
                parts[i] = 0;
            }
        }
        return parts;
    }
}
