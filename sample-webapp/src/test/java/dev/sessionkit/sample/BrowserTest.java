package dev.sessionkit.sample;

import dev.sessionkit.testing.browser.Chromium;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample in a real browser, headless Chromium, with sessions in a real Redis: what the cookie looks like
 * to the browser, and that logging out everywhere reaches another browser profile.
 */
class BrowserTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private SampleApp app;

    @BeforeEach
    void startSample() {
        REDIS.flushAll();
        app = SampleApp.start(SampleOptions.parse(
                new String[] {"--port=0", "--store=redis", "--redis-uri=" + REDIS.uri()}, SampleAppTest.ENV::get));
    }

    @AfterEach
    void stopSample() {
        app.close();
    }

    @Test
    void loginReplacesTheHttpOnlyLaxCookieWhileTheCounterKeepsRising() {
        try (Chromium chromium = Chromium.start()) {
            WebDriver browser = chromium.driver();
            browser.get(app.uri("/").toString());
            assertEquals("1", browser.findElement(By.id("visits")).getText());
            browser.navigate().refresh();
            assertEquals("2", browser.findElement(By.id("visits")).getText());
            Cookie before = browser.manage().getCookieNamed("SESSION");
            assertNotNull(before, "the first visit sets the session cookie");

            signIn(browser, "alice");
            Cookie after = browser.manage().getCookieNamed("SESSION");
            assertNotEquals(before.getValue(), after.getValue(), "login gives the session a new ID");
            assertTrue(after.isHttpOnly(), "scripts cannot read the session cookie");
            assertEquals("Lax", after.getSameSite());
            assertEquals("alice", browser.findElement(By.id("principal")).getText());

            browser.get(app.uri("/").toString());
            assertEquals("3", browser.findElement(By.id("visits")).getText());
            browser.navigate().refresh();
            assertEquals("4", browser.findElement(By.id("visits")).getText());
        }
    }

    @Test
    void logOutEverywhereFromAnotherProfileSignsThisBrowserOut() {
        try (Chromium laptop = Chromium.start(); Chromium phone = Chromium.start()) {
            signIn(laptop.driver(), "alice");
            signIn(phone.driver(), "alice");
            String sessions = phone.driver().findElement(By.id("sessions")).getText();
            assertTrue(sessions.contains("Active sessions (2)"), sessions);

            phone.driver().findElement(By.id("logout-everywhere")).click();
            waitForPath(phone.driver(), "/login");

            laptop.driver().navigate().refresh();
            waitForPath(laptop.driver(), "/login");
            laptop.driver().get(app.uri("/").toString());
            assertTrue(laptop.driver().findElement(By.tagName("main")).getText().contains("You are not signed in"));
        }
    }

    private void signIn(WebDriver browser, String user) {
        browser.get(app.uri("/login").toString());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("sign-in")).click();
        waitForPath(browser, "/dashboard");
    }

    private void waitForPath(WebDriver browser, String path) {
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(app.uri(path).toString()));
    }
}
