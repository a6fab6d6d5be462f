package dev.sessionkit.spring.security;

import com.fasterxml.jackson.databind.Module;
import dev.sessionkit.codec.CodecExtension;
import org.springframework.security.jackson2.SecurityJackson2Modules;

import java.util.List;
import java.util.Set;

/**
 * Lets a sessionkit session hold what Spring Security keeps in the HTTP session: the security context with
 * the usual {@code Authentication} types (username/password, remember-me, anonymous, and the OAuth2/OIDC
 * login tokens when {@code spring-security-oauth2-client} is present), the CSRF token and the saved request.
 *
 * <p>The modules are Spring Security's own Jackson 2 modules ({@link SecurityJackson2Modules#getModules}).
 * The open default typing they turn on is turned off again by the codec; values of these classes carry type
 * ids ({@link #typeIds()}), and an id may name only one of the classes below. A principal of your own class (a custom {@code UserDetails}) needs its
 * own entry in {@code allowed-types} and its own Jackson mapping.
 *
 * <p>Register it with {@code codec.extensions=dev.sessionkit.spring.security.SpringSecurityCodec}, or
 * {@code SessionConfig.builder().codecExtension(new SpringSecurityCodec())}; the Spring Boot starter
 * registers it by itself. Immutable and thread-safe.
 */
// Spring Security 7 deprecates its Jackson 2 modules for removal (the README's "Jackson line" says why they are
// still the ones used); compiled against 7.x this class stays warning-free, so -Werror builds pass there too.
@SuppressWarnings("removal")
public final class SpringSecurityCodec implements CodecExtension {

    /** The classes Spring Security stores in a session and Spring's modules map; nothing wider. */
    static final Set<String> ALLOWED = Set.of(
            "org.springframework.security.core.context.SecurityContextImpl",
            "org.springframework.security.authentication.UsernamePasswordAuthenticationToken",
            "org.springframework.security.authentication.RememberMeAuthenticationToken",
            "org.springframework.security.authentication.AnonymousAuthenticationToken",
            "org.springframework.security.core.userdetails.User",
            "org.springframework.security.core.authority.SimpleGrantedAuthority",
            "org.springframework.security.core.authority.FactorGrantedAuthority",
            "org.springframework.security.web.authentication.WebAuthenticationDetails",
            "org.springframework.security.web.csrf.DefaultCsrfToken",
            "org.springframework.security.web.savedrequest.DefaultSavedRequest",
            "org.springframework.security.web.savedrequest.SavedCookie",
            "org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken",
            "org.springframework.security.oauth2.core.user.DefaultOAuth2User",
            "org.springframework.security.oauth2.core.user.OAuth2UserAuthority",
            "org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser",
            "org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority",
            "org.springframework.security.oauth2.core.oidc.OidcIdToken",
            "org.springframework.security.oauth2.core.oidc.OidcUserInfo",
            "org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest",
            "org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponseType",
            "org.springframework.security.oauth2.core.AuthorizationGrantType",
            // The ID token's claims as Spring's decoder converts them: the issuer to a URL, the times to Instants.
            "java.net.URL",
            "java.time.Instant",
            // The collections Spring's deserialisers name as type ids.
            "java.util.ArrayList",
            "java.util.Collections$UnmodifiableSet",
            "java.util.Collections$UnmodifiableRandomAccessList",
            "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableMap",
            "java.util.Collections$EmptyList",
            "java.util.Collections$EmptyMap",
            "java.util.LinkedHashMap",
            "java.util.HashMap",
            "java.util.TreeMap",
            "java.util.HashSet",
            "java.util.LinkedHashSet",
            "java.util.TreeSet");

    private final ClassLoader loader;

    /** Uses the class loader that loaded Spring Security. */
    public SpringSecurityCodec() {
        this.loader = SecurityJackson2Modules.class.getClassLoader();
    }

    @Override
    public List<Module> modules() {
        return SecurityJackson2Modules.getModules(loader);
    }

    /** Spring's modules are written for a mapper with type ids on every non-final value. */
    @Override
    public boolean typeIds() {
        return true;
    }

    @Override
    public Set<String> allowedTypes() {
        return ALLOWED;
    }
}
