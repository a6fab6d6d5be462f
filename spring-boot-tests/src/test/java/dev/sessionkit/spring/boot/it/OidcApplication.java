package dev.sessionkit.spring.boot.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application that logs users in with OpenID Connect ({@code oauth2Login()}) at the provider whose issuer is
 * the property {@code test.oidc.issuer}; nothing in it names sessionkit. The registration is a bean, not Boot's
 * {@code spring.security.oauth2.client.*} properties, whose auto-configuration Boot 4 moved to another starter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({DemoApplication.Pages.class, OidcApplication.Me.class, OidcApplication.Security.class})
public class OidcApplication {

    static final String REGISTRATION = "idp";

    @RestController
    static class Me {
        /** What the stored login holds: its token and user types and the user's claims. */
        @GetMapping("/me")
        String me(OAuth2AuthenticationToken authentication) {
            OidcUser user = (OidcUser) authentication.getPrincipal();
            return String.join("|", authentication.getClass().getSimpleName(), user.getClass().getSimpleName(),
                    authentication.getAuthorizedClientRegistrationId(), user.getSubject(), user.getFullName(),
                    user.getEmail(), String.valueOf(user.getIdToken().getIssuer()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Security {
        @Bean
        SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/public", "/error").permitAll()
                            .anyRequest().authenticated())
                    .oauth2Login(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        ClientRegistrationRepository clientRegistrations(Environment environment) {
            String issuer = environment.getRequiredProperty("test.oidc.issuer");
            return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION)
                    .clientId(OidcProvider.CLIENT_ID)
                    .clientSecret(OidcProvider.CLIENT_SECRET)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope("openid", "profile", "email")
                    .issuerUri(issuer)
                    .authorizationUri(issuer + "/authorize")
                    .tokenUri(issuer + "/token")
                    .jwkSetUri(issuer + "/jwks")
                    .userInfoUri(issuer + "/userinfo")
                    .userNameAttributeName("sub")
                    .clientName("Test provider")
                    .build());
        }
    }
}
