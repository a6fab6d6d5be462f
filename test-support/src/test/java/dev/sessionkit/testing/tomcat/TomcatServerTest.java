package dev.sessionkit.testing.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.ServletContainerContract;
import dev.sessionkit.testing.TomcatServer;
import dev.sessionkit.testing.fixtures.CookieSettingFilter;
import dev.sessionkit.testing.fixtures.RedirectServlet;
import dev.sessionkit.testing.fixtures.TextServlet;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpResponse;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link TomcatServer} fulfils the {@link ServletContainerContract} on Tomcat 11. Tagged
 * {@code tomcat} so the build runs it without the Servlet 6.0 API jar.
 */
@Tag("tomcat")
class TomcatServerTest extends ServletContainerContract {

    @Override
    protected ContainerBuilder<?, ?> builder() {
        return TomcatServer.builder();
    }

    @Test
    void redirectThroughAFilterWorksOnTomcat11() throws Exception {
        assertEquals(
                Tomcat.class.getProtectionDomain().getCodeSource().getLocation(),
                HttpServletResponse.class.getProtectionDomain().getCodeSource().getLocation(),
                "the Servlet API must come from tomcat-embed-core, or sendRedirect throws AbstractMethodError");
        CookieClient client = new CookieClient();
        try (ServletContainer tomcat = TomcatServer.builder()
                .filter(new CookieSettingFilter(), "/*")
                .servlet(new RedirectServlet(), "/redirect")
                .servlet(new TextServlet(), "/hello")
                .start()) {
            HttpResponse<String> redirect = client.get(tomcat.uri("/redirect"));

            assertEquals(302, redirect.statusCode());
            assertEquals(RedirectServlet.TARGET, redirect.headers().firstValue("Location").orElseThrow());
            assertEquals(TextServlet.BODY, client.follow(redirect).body());
        }
    }
}
