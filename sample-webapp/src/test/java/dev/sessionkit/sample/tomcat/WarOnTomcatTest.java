package dev.sessionkit.sample.tomcat;

import dev.sessionkit.sample.SampleFlowContract;
import dev.sessionkit.testing.TomcatServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;

/**
 * The flow against the WAR's own {@code src/main/webapp} (web.xml with init-params) in Tomcat 11, under a
 * context path as a dropped-in WAR would be. The signing secret comes from SESSIONKIT_SECRET, which the
 * build sets for tests.
 */
@Tag("tomcat")
class WarOnTomcatTest extends SampleFlowContract {

    @Override
    protected RunningSample start() {
        TomcatServer tomcat = TomcatServer.builder()
                .contextPath("/sample")
                .webApp(Path.of("src/main/webapp"))
                .start();
        return new RunningSample(tomcat::uri, "/sample", tomcat::close);
    }
}
