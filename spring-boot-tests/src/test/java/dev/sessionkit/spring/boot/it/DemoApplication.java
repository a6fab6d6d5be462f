package dev.sessionkit.spring.boot.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ordinary Spring Boot + Spring Security application: form login with CSRF on, remember-me, one session
 * per user, a protected page. Nothing in it names sessionkit; the starter and two properties do the rest.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({DemoApplication.Pages.class, DemoApplication.Security.class})
public class DemoApplication {

    static final String SECRET = "kq3XbV9r0tL2mZp7sWd4Hc8NfYj6Ge1uAo5Ri2Ts9Lx";
    static final String USER = "alice";
    static final String PASSWORD = "wonderland";

    @RestController
    static class Pages {
        @GetMapping("/private")
        String privatePage(Authentication authentication) {
            return "hello " + authentication.getName();
        }

        @GetMapping("/public")
        String publicPage() {
            return "public";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Security {
        @Bean
        SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/public", "/error", "/actuator/health", "/actuator/health/**").permitAll()
                            .anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .rememberMe(rememberMe -> rememberMe.key("sessionkit-test-remember-me"))
                    .sessionManagement(sessions -> sessions.maximumSessions(1));
            return http.build();
        }

        @Bean
        RecordedObservations recordedObservations() {
            return new RecordedObservations();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
        }
    }

    /** A started application. */
    record Running(ConfigurableApplicationContext context, URI base) implements AutoCloseable {
        URI uri(String path) {
            return base.resolve(path);
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * @param properties the properties of an application whose store is not JDBC
     * @return them, plus the exclusion of Boot's DataSource (the JDBC starter is on the class path, no database is)
     */
    static Map<String, String> withoutDatabase(Map<String, String> properties) {
        String bootFour = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";
        String bootThree = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration";
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("spring.autoconfigure.exclude", ClassUtils.isPresent(bootFour, null) ? bootFour : bootThree);
        return all;
    }

    /**
     * @param properties the application's properties beyond a free port and quiet logs
     * @return the started application
     */
    static Running start(Map<String, String> properties) {
        return start(DemoApplication.class, properties);
    }

    /**
     * @param application the application's configuration class
     * @param properties  the application's properties beyond a free port and quiet logs
     * @return the started application
     */
    static Running start(Class<?> application, Map<String, String> properties) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("server.address", "127.0.0.1");
        all.put("spring.main.banner-mode", "off");
        all.put("logging.level.root", "WARN");
        all.put("management.endpoint.health.show-details", "always");
        all.putAll(properties);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).properties(all).run();
        return new Running(context, URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/"));
    }
}
