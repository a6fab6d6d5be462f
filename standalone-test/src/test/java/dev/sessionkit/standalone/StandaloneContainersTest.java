package dev.sessionkit.standalone;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample WAR and the README quickstart's WAR in standalone Tomcat 11 and Jetty 12 distributions, each a
 * process of its own, configured only by web.xml and the environment, as the README says.
 */
class StandaloneContainersTest {

    private static final String SECRET = "standalone-secret-0123456789abcdefghijklmnopqrstuv";
    private static Path quickstart;

    /** The quickstart WAR, exploded: the README's web.xml verbatim, the README's dependencies, its two classes. */
    @BeforeAll
    static void buildQuickstart() throws Exception {
        Path readme = Path.of("..", "README.md");
        Matcher block = Pattern.compile("<!-- quickstart web.xml -->\\s*```xml\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(readme));
        assertTrue(block.find(), "README.md has the quickstart web.xml, marked <!-- quickstart web.xml -->");
        quickstart = Files.createTempDirectory(Container.TARGET, "quickstart-");
        Files.createDirectories(quickstart.resolve("WEB-INF"));
        Files.writeString(quickstart.resolve("WEB-INF/web.xml"), block.group(1));
        Container.copyTree(Container.TARGET.resolve("quickstart-lib"), quickstart.resolve("WEB-INF/lib"));
        Container.copyTree(Container.TARGET.resolve("classes"), quickstart.resolve("WEB-INF/classes"));
    }

    @Test
    void tomcatRunsBothWarsWithTheSecretFromSetenvAndCallsTheWebXmlListener() throws Exception {
        try (Container tomcat = Container.tomcat(apps(), "export SESSIONKIT_SECRET='" + SECRET + "'\n")) {
            checkQuickstart(tomcat);
            checkSample(tomcat);
            assertTrue(tomcat.log("catalina.").contains("sessionkit started: store=InMemorySessionStore"), "the start line");
        }
    }

    @Test
    void jettyWithTheReadmeModulesRunsBothWarsAndCallsTheWebXmlListener() throws Exception {
        try (Container jetty = Container.jetty(apps(), Map.of("SESSIONKIT_SECRET", SECRET))) {
            checkQuickstart(jetty);
            checkSample(jetty);
        }
    }

    @Test
    void tomcatWithoutTheSecretDoesNotStartTheAppAndItsLogSaysWhatToExport() throws Exception {
        try (Container tomcat = Container.tomcat(Map.of("quickstart", quickstart), null)) {
            assertEquals(404, tomcat.awaitAnswer("/quickstart/hello").statusCode(), "the app is not started");
            assertTrue(tomcat.log("localhost.").contains("secret.env names the environment variable SESSIONKIT_SECRET"),
                    "the real message is in logs/localhost.<date>.log, as the README says");
        }
    }

    @Test
    void jettyWithoutTheSecretDoesNotStartTheAppAndItsConsoleSaysWhatToExport() throws Exception {
        try (Container jetty = Container.jetty(Map.of("quickstart", quickstart), Map.of())) {
            int status = jetty.awaitAnswer("/quickstart/hello").statusCode();
            assertTrue(status == 503 || status == 404, "the app is not started: " + status);
            assertTrue(jetty.log("console.log").contains("secret.env names the environment variable SESSIONKIT_SECRET"));
        }
    }

    private static Map<String, Path> apps() {
        return Map.of("quickstart", quickstart, "sessionkit-sample", Container.TARGET.resolve("wars/sessionkit-sample.war"));
    }

    private static void checkQuickstart(Container server) throws Exception {
        HttpResponse<String> first = server.awaitAnswer("/quickstart/hello");
        assertEquals(200, first.statusCode(), first.body() + server.log("console.log"));
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertTrue(cookie.startsWith("SESSION="), cookie);
        Matcher visit = Pattern.compile("visits=(\\d+) sessions-created=(\\d+)").matcher(first.body().trim());
        assertTrue(visit.matches() && visit.group(1).equals("1") && !visit.group(2).equals("0"),
                server.name + ": the web.xml listener heard the session created: " + first.body());
        String created = visit.group(2);
        assertEquals("visits=2 sessions-created=" + created, server.get("/quickstart/hello", cookie).body().trim(),
                server.name + ": the session went on, and no new one was created");
    }

    private static void checkSample(Container server) throws Exception {
        HttpResponse<String> home = server.awaitAnswer("/sessionkit-sample/");
        assertEquals(200, home.statusCode(), server.log("console.log"));
    }
}
