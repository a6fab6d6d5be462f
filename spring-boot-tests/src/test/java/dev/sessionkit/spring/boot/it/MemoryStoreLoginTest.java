package dev.sessionkit.spring.boot.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory store: both logins on one server, which is all the memory store can share. */
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
            assertTrue(browser.getCurrentUrl().contains("/private"), browser.getCurrentUrl());
            assertTrue(browser.getPageSource().contains("hello " + DemoApplication.USER), browser.getPageSource());
            Cookie after = browser.manage().getCookieNamed("SESSION");
            assertNotEquals(before, after.getValue(), "the session ID must change at login");
            assertTrue(after.isHttpOnly());
            assertNull(browser.manage().getCookieNamed("JSESSIONID"));

            browser.get(app.uri("/logout").toString());
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            assertTrue(browser.getCurrentUrl().contains("/login?logout"), browser.getCurrentUrl());
            browser.get(app.uri("/private").toString());
            assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
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
