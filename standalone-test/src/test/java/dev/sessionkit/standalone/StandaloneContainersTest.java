package dev.sessionkit.standalone;

import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample WAR and the README quickstart's WAR in standalone Tomcat 11, Tomcat 10.1 and Jetty 12
 * distributions, each a process of its own, configured only by web.xml and the environment, as the README
 * says: sessions in memory and in one Redis that all of them share. The containers start once, together,
 * for the whole class.
 */
class StandaloneContainersTest {

    private static final String SECRET = "standalone-secret-0123456789abcdefghijklmnopqrstuv";
    private static final String UNSET_SECRET_ENV = "SESSIONKIT_SECRET_NOT_EXPORTED";
    private static final String README_JETTY_MODULES = "http,ee10-deploy,ee10-annotations";
    private static final String NO_SECRET_MESSAGE = "secret.env names the environment variable " + UNSET_SECRET_ENV;
    private static final String NO_INITIALIZER = "The container ran no ServletContainerInitializer";
    private static final String TYPO_MESSAGE = "Unknown init-param 'timeout.idel': did you mean timeout.idle?";
    private static final List<Container> STARTED = new ArrayList<>();

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static Container tomcat11;
    private static Container tomcat10;
    private static Container jetty;
    private static Container jettyWithoutAnnotations;

    @BeforeAll
    static void startContainers() throws Exception {
        Container.deleteEarlierRuns();
        QuickstartApps quickstart = QuickstartApps.fromReadme();
        Path redisApp = quickstart.redis(REDIS.uri());
        Path typo = quickstart.misspelled();
        Path noSecret = quickstart.secretNotSet(UNSET_SECRET_ENV);
        Map<String, Path> apps = Map.of("quickstart", quickstart.memory(), "quickstart-redis", redisApp,
                "typo", typo, "nosecret", noSecret, "sessionkit-sample", Container.TARGET.resolve("wars/sessionkit-sample.war"));
        String setenv = "export " + QuickstartApps.SECRET_ENV + "='" + SECRET + "'\n";
        Map<String, String> env = Map.of(QuickstartApps.SECRET_ENV, SECRET);
        tomcat11 = start(Container.tomcat("11.", apps, setenv));
        tomcat10 = start(Container.tomcat("10.1.", apps, setenv));
        jetty = start(Container.jetty(README_JETTY_MODULES, apps, env));
        jettyWithoutAnnotations = start(Container.jetty("http,ee10-deploy", Map.of("quickstart", quickstart.servletInWebXml()), env));
    }

    private static Container start(Container container) {
        STARTED.add(container);
        return container;
    }

    @AfterAll
    static void stopContainers() {
        STARTED.forEach(Container::close);
    }

    @Test
    void tomcat11RunsTheQuickstartWithTheSecretFromSetenvAndCallsTheWebXmlListenerOncePerSession() throws Exception {
        checkQuickstart(tomcat11, "/quickstart");
        assertTrue(tomcat11.log("catalina.").contains("sessionkit started: store=InMemorySessionStore"), "the start line");
        assertFalse(tomcat11.log("catalina.").contains(NO_INITIALIZER), "ListenerDiscovery found the listener");
    }

    @Test
    void tomcat10RunsTheQuickstartAndCallsTheWebXmlListenerOncePerSession() throws Exception {
        checkQuickstart(tomcat10, "/quickstart");
        assertFalse(tomcat10.log("catalina.").contains(NO_INITIALIZER), "ListenerDiscovery found the listener");
    }

    @Test
    void jettyWithTheReadmeModulesRunsTheQuickstartAndCallsTheWebXmlListenerOncePerSession() throws Exception {
        checkQuickstart(jetty, "/quickstart");
        assertFalse(jetty.log("console.log").contains(NO_INITIALIZER), "ListenerDiscovery found the listener");
    }

    @Test
    void jettyWithoutAnnotationScanningStillCallsTheWebXmlListenerOncePerSessionAndSaysWhy() throws Exception {
        checkQuickstart(jettyWithoutAnnotations, "/quickstart");
        assertTrue(jettyWithoutAnnotations.log("console.log").contains(NO_INITIALIZER),
                "the filter says it read web.xml's listeners itself");
    }

    @Test
    void theSampleWarServesItsHomePageOnEveryContainer() throws Exception {
        for (Container server : List.of(tomcat11, tomcat10, jetty)) {
            HttpResponse<String> home = server.awaitAnswer("/sessionkit-sample/");
            assertEquals(200, home.statusCode(), server.name + ": " + server.log("console.log"));
            assertTrue(home.body().contains("id=\"session-lineage\""), server.name + ": " + home.body());
        }
    }

    @Test
    void aSessionBegunOnTomcat11GoesOnOnJettyAndTomcat10ThroughOneRedis() throws Exception {
        for (Container server : List.of(tomcat11, jetty, tomcat10)) {
            awaitReady(server, "/quickstart-redis");
        }
        HttpResponse<String> first = tomcat11.get("/quickstart-redis/hello", null);
        assertEquals("visits=1 sessions-created=1", first.body().trim(), tomcat11.name + ": " + tomcat11.log("console.log"));
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertEquals("visits=2 sessions-created=0", jetty.get("/quickstart-redis/hello", cookie).body().trim(),
                "Jetty goes on with Tomcat's session, and creates none");
        assertEquals("visits=3 sessions-created=0", tomcat10.get("/quickstart-redis/hello", cookie).body().trim(),
                "so does Tomcat 10.1");
        assertTrue(REDIS.cli("DBSIZE").trim().matches("[1-9]\\d*"), "the session is in Redis");
        assertTrue(tomcat11.log("catalina.").contains("sessionkit started: store=RedisSessionStore"), "the start line");
    }

    @Test
    void withoutTheSecretTheAppDoesNotStartAndTheLogSaysWhatToExport() throws Exception {
        for (Container tomcat : List.of(tomcat11, tomcat10)) {
            tomcat.awaitLog("localhost.", NO_SECRET_MESSAGE); // Tomcat's console says only "Filters failed to start"
            assertEquals(404, tomcat.get("/nosecret/", null).statusCode(), tomcat.name + ": the app is not started");
        }
        jetty.awaitLog("console.log", NO_SECRET_MESSAGE);
        assertEquals(503, jetty.get("/nosecret/", null).statusCode(), "the app is not started");
    }

    @Test
    void aMisspelledInitParamStopsTheAppAndTheLogNamesTheRightOne() throws Exception {
        for (Container tomcat : List.of(tomcat11, tomcat10)) {
            tomcat.awaitLog("localhost.", TYPO_MESSAGE);
            assertEquals(404, tomcat.get("/typo/", null).statusCode(), tomcat.name + ": the app is not started");
        }
        jetty.awaitLog("console.log", TYPO_MESSAGE);
        assertEquals(503, jetty.get("/typo/", null).statusCode(), "the app is not started");
    }

    /**
     * The first visit creates a session, which the web.xml listener hears once; the second goes on with it;
     * a second browser's visit is the second session the listener hears of.
     */
    private static void checkQuickstart(Container server, String app) throws Exception {
        awaitReady(server, app);
        HttpResponse<String> first = server.get(app + "/hello", null);
        assertEquals(200, first.statusCode(), first.body() + server.log("console.log"));
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertTrue(cookie.startsWith("SESSION="), cookie);
        assertEquals("visits=1 sessions-created=1", first.body().trim(), server.name + ": the listener heard of the session once");
        assertEquals("visits=2 sessions-created=1", server.get(app + "/hello", cookie).body().trim(),
                server.name + ": the session went on, and no new one was created");
        assertEquals("visits=1 sessions-created=2", server.get(app + "/hello", null).body().trim(),
                server.name + ": another browser's session, heard of once");
    }

    private static void awaitReady(Container server, String app) throws Exception {
        HttpResponse<String> ready = server.awaitAnswer(app + "/ready.txt");
        assertEquals(200, ready.statusCode(), server.name + " deployed " + app + ": " + server.log("console.log"));
    }
}
