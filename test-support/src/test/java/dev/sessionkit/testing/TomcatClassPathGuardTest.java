package dev.sessionkit.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.sessionkit.testing.fixtures.TextServlet;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Runs in the ordinary surefire execution, where the Servlet 6.0 API jar shadows Tomcat's own API:
 * Tomcat would break there, and must say why instead.
 */
class TomcatClassPathGuardTest {

    @Test
    void tomcatRefusesToStartWhenTheServlet60ApiShadowsItsOwn() {
        assumeFalse(
                Arrays.stream(HttpServletResponse.class.getMethods())
                        .anyMatch(method -> method.getName().equals("sendRedirect") && method.getParameterCount() == 3),
                "this class path has the Servlet 6.1 API; nothing to guard against");

        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> TomcatServer.builder().servlet(TextServlet.class, "/hello").start());

        assertTrue(failure.getMessage().contains("@Tag(\"tomcat\")"), failure::getMessage);
    }
}
