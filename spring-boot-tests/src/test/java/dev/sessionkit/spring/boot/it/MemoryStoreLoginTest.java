package dev.sessionkit.spring.boot.it;

import dev.sessionkit.testing.browser.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory store on one application instance: a memory store cannot be shared, so "the other server" of
 * the contract is this one, and {@code maximumSessions(1)} is proven with two clients on it.
 */
class MemoryStoreLoginTest extends LoginFlowContract {

    private static DemoApplication.Running app;

    @BeforeAll
    static void start() {
        app = DemoApplication.start(DemoApplication.withoutDatabase(Map.of("sessionkit.secret", DemoApplication.SECRET)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The whole flow in a real browser: the default login page, its CSRF field, the redirect back, logout. */
    @Test
    void aBrowserLogsInIsSentBackToThePageAndLogsOut() {
        try (Chromium chromium = Chromium.start()) {
            ChromeDriver browser = chromium.driver();
            browser.get(app.uri("/private").toString());
            assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
            String before = browser.manage().getCookieNamed("SESSION").getValue();
            browser.findElement(By.id("username")).sendKeys(DemoApplication.USER);
            browser.findElement(By.id("password")).sendKeys(DemoApplication.PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            // click() returns before the browser has followed the redirects.
            waitForUrl(browser, "/private");
            assertTrue(browser.getPageSource().contains("hello " + DemoApplication.USER), browser.getPageSource());
            Cookie after = browser.manage().getCookieNamed("SESSION");
            assertNotEquals(before, after.getValue(), "the session ID must change at login");
            assertTrue(after.isHttpOnly());
            assertNull(browser.manage().getCookieNamed("JSESSIONID"));

            browser.get(app.uri("/logout").toString());
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            waitForUrl(browser, "/login?logout");
            browser.get(app.uri("/private").toString());
            assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
        }
    }

    private static void waitForUrl(ChromeDriver browser, String part) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains(part));
        } catch (TimeoutException e) {
            throw new AssertionError("the browser is at " + browser.getCurrentUrl() + ", not at " + part, e);
        }
    }

    @Override
    DemoApplication.Running server() {
        return app;
    }

    @Override
    DemoApplication.Running otherServer() {
        return app;
    }
}
