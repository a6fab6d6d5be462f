package dev.sessionkit.bench.micro;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.bench.fixtures.SessionFixtures;
import dev.sessionkit.store.InMemorySessionStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@link SessionFilter} with the in-memory store adds to one request, on fake servlet objects:
 * {@code baseline} is the same servlet without the filter; {@code untouched} a request that carries the
 * cookie but never asks for the session; {@code read} reads one attribute of one of 64 sessions;
 * {@code write} also sets one (the load run's 1 request in 10).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FilterBenchmark {

    private static final int SESSIONS = 64;
    private static final byte[] BODY = "ok\n".getBytes(StandardCharsets.US_ASCII);

    private final FakeRequest request = new FakeRequest();
    private final FakeResponse response = new FakeResponse();
    private final Cookie[][] cookies = new Cookie[SESSIONS][];
    private SessionFilter filter;
    private int next;
    private long visits;

    private final FilterChain untouchedServlet = (req, res) -> res.getOutputStream().write(BODY);
    private final FilterChain readServlet = (req, res) -> {
        HttpSession session = ((HttpServletRequest) req).getSession(false);
        if (session == null || session.getAttribute("user") == null) {
            throw new IllegalStateException("session not found");
        }
        res.getOutputStream().write(BODY);
    };
    private final FilterChain writeServlet = (req, res) -> {
        HttpSession session = ((HttpServletRequest) req).getSession(false);
        if (session == null || session.getAttribute("user") == null) {
            throw new IllegalStateException("session not found");
        }
        session.setAttribute("visits", ++visits);
        res.getOutputStream().write(BODY);
    };

    @Setup
    public void setUp() throws IOException, ServletException {
        filter = new SessionFilter(configure(SessionConfig.builder()
                .secret("benchmark-secret-0123456789-abcdefghijklmnopqrstuvwxyz")
                .secure(false)
                .store(InMemorySessionStore.builder().build()))
                .build());
        filter.init(new NoParams());
        for (int i = 0; i < SESSIONS; i++) {
            int n = i;
            request.reset(null);
            response.reset();
            filter.doFilter(request, response, (req, res) -> {
                HttpSession session = ((HttpServletRequest) req).getSession(true);
                for (Map.Entry<String, Object> attribute : SessionFixtures.small(n).entrySet()) {
                    session.setAttribute(attribute.getKey(), attribute.getValue());
                }
                res.getOutputStream().write(BODY);
            });
            String setCookie = response.setCookie();
            int equals = setCookie.indexOf('=');
            cookies[i] = new Cookie[]{new Cookie(setCookie.substring(0, equals), setCookie.substring(equals + 1))};
        }
    }

    /**
     * @param config the configuration every run uses (store IDs hashed, the default)
     * @return the configuration to benchmark; subclasses compare options
     */
    protected SessionConfigBuilder configure(SessionConfigBuilder config) {
        return config;
    }

    @TearDown
    public void tearDown() {
        filter.destroy();
    }

    @Benchmark
    public int baseline() throws IOException, ServletException {
        prepare();
        untouchedServlet.doFilter(request, response);
        return response.getStatus();
    }

    @Benchmark
    public int untouched() throws IOException, ServletException {
        prepare();
        filter.doFilter(request, response, untouchedServlet);
        return response.getStatus();
    }

    @Benchmark
    public int read() throws IOException, ServletException {
        prepare();
        filter.doFilter(request, response, readServlet);
        return response.getStatus();
    }

    @Benchmark
    public int write() throws IOException, ServletException {
        prepare();
        filter.doFilter(request, response, writeServlet);
        return response.getStatus();
    }

    private void prepare() {
        next = (next + 1) & (SESSIONS - 1);
        request.reset(cookies[next]);
        response.reset();
    }

    /** A servlet context with no attributes; the filter reads it only in {@code init}. */
    private static final ServletContext CONTEXT = (ServletContext) Proxy.newProxyInstance(
            FilterBenchmark.class.getClassLoader(), new Class<?>[]{ServletContext.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "getAttributeNames", "getInitParameterNames" -> Collections.emptyEnumeration();
                        case "getContextPath" -> "";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "FakeServletContext";
                        default -> null;
                    });

    private static final class NoParams implements FilterConfig {
        @Override
        public String getFilterName() {
            return "sessionkit";
        }

        @Override
        public ServletContext getServletContext() {
            return CONTEXT;
        }

        @Override
        public String getInitParameter(String name) {
            return null;
        }

        @Override
        public Enumeration<String> getInitParameterNames() {
            return Collections.emptyEnumeration();
        }
    }
}
