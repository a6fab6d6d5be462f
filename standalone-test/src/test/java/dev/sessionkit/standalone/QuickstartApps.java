package dev.sessionkit.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README quickstart's WAR, exploded: the README's web.xml, the README's dependencies in WEB-INF/lib,
 * the quickstart's two classes. Each variant starts from the README's web.xml and says how it differs. Every
 * working variant also serves a static {@code ready.txt}, which tells a test that it is deployed without
 * creating a session.
 */
final class QuickstartApps {

    /** The environment variable the README's web.xml reads the secret from. */
    static final String SECRET_ENV = "SESSIONKIT_SECRET";

    private static final String FILTER_SECRET = "<init-param><param-name>secret.env</param-name><param-value>"
            + SECRET_ENV + "</param-value></init-param>";
    private static final String README_REDIS_URI = "redis://127.0.0.1:6379";

    private final String webXml;
    private final String redisInitParams;

    private QuickstartApps(String webXml, String redisInitParams) {
        this.webXml = webXml;
        this.redisInitParams = redisInitParams;
    }

    /** Reads the quickstart's web.xml (step 3) and its Redis init-params (step 5) from README.md. */
    static QuickstartApps fromReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String webXml = block(readme, "<!-- quickstart web.xml -->\\s*```xml\\n(.*?)```", "the quickstart web.xml");
        String redis = block(readme, "<!-- quickstart redis init-params -->\\s*```xml\\n(.*?)```", "the quickstart's Redis init-params");
        assertTrue(webXml.contains(FILTER_SECRET), "the README's filter reads the secret from " + SECRET_ENV + ": " + webXml);
        assertTrue(redis.contains(README_REDIS_URI), "the README's redis.uri is " + README_REDIS_URI + ": " + redis);
        return new QuickstartApps(webXml, redis);
    }

    /** The README's web.xml as it stands: sessions in memory. */
    Path memory() throws IOException {
        return app("quickstart-", webXml, true);
    }

    /** Step 5: the README's Redis init-params added to the filter, the README's address swapped for {@code uri}. */
    Path redis(String uri) throws IOException {
        return app("quickstart-redis-", filterParams(redisInitParams.replace(README_REDIS_URI, uri)), true);
    }

    /**
     * For a container that scans no annotations: the servlet declared in web.xml as well, since its
     * {@code @WebServlet} is not seen.
     */
    Path servletInWebXml() throws IOException {
        String servlet = """
                  <servlet><servlet-name>hello</servlet-name><servlet-class>dev.sessionkit.quickstart.HelloServlet</servlet-class></servlet>
                  <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/hello</url-pattern></servlet-mapping>
                </web-app>""";
        return app("quickstart-servlet-", webXml.replace("</web-app>", servlet), true);
    }

    /** A typo in an init-param name: {@code timeout.idel}. */
    Path misspelled() throws IOException {
        return app("quickstart-typo-", filterParams("<init-param><param-name>timeout.idel</param-name><param-value>20m</param-value></init-param>"), false);
    }

    /** {@code secret.env} names a variable the container's environment does not have. */
    Path secretNotSet(String variable) throws IOException {
        return app("quickstart-nosecret-", webXml.replace(FILTER_SECRET, FILTER_SECRET.replace(SECRET_ENV, variable)), false);
    }

    private String filterParams(String params) {
        return webXml.replace(FILTER_SECRET, FILTER_SECRET + "\n    " + params.strip().replace("\n", "\n    "));
    }

    private static Path app(String prefix, String webXml, boolean ready) throws IOException {
        Path dir = Files.createTempDirectory(Container.TARGET, prefix);
        Files.createDirectories(dir.resolve("WEB-INF"));
        Files.writeString(dir.resolve("WEB-INF/web.xml"), webXml);
        Container.copyTree(Container.TARGET.resolve("quickstart-lib"), dir.resolve("WEB-INF/lib"));
        Container.copyTree(Container.TARGET.resolve("classes"), dir.resolve("WEB-INF/classes"));
        if (ready) {
            Files.writeString(dir.resolve("ready.txt"), "deployed\n");
        }
        return dir;
    }

    private static String block(String readme, String regex, String what) {
        Matcher block = Pattern.compile(regex, Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has " + what + ", marked by its HTML comment");
        return block.group(1);
    }
}
