package dev.sessionkit.spring.security;

import dev.sessionkit.SessionException;
import dev.sessionkit.codec.AttributeCodec;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpringSecurityCodecTest {

    private static final AtomicBoolean GADGET_LOADED = new AtomicBoolean();

    /** An application class, allowed at the top of a value, that must never be reachable as a type id. */
    public static final class Gadget {
        static {
            GADGET_LOADED.set(true);
        }

        public String command;
    }

    /** An application value the application stores alongside Spring's. */
    public record Cart(String item) {
    }

    private final AttributeCodec codec = AttributeCodec.of(List.of(Gadget.class.getName(), Cart.class.getName()),
            List.of(new SpringSecurityCodec()));

    private final User alice = new User("alice", "", AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN"));

    private Object roundTrip(Object value) {
        return codec.decode(codec.encode("a", value));
    }

    @Test
    void securityContextOfAFormLoginRoundTrips() {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(alice, null, alice.getAuthorities());
        token.setDetails(new WebAuthenticationDetails("127.0.0.1", "abc"));
        SecurityContextImpl back = assertInstanceOf(SecurityContextImpl.class, roundTrip(new SecurityContextImpl(token)));
        assertEquals(token, back.getAuthentication());
        assertEquals(alice, back.getAuthentication().getPrincipal());
        assertEquals("127.0.0.1", ((WebAuthenticationDetails) back.getAuthentication().getDetails()).getRemoteAddress());
        assertTrue(back.getAuthentication().isAuthenticated());
    }

    @Test
    void rememberMeAndAnonymousTokensRoundTrip() {
        RememberMeAuthenticationToken rememberMe = new RememberMeAuthenticationToken("key", alice, alice.getAuthorities());
        assertEquals(rememberMe, ((SecurityContextImpl) roundTrip(new SecurityContextImpl(rememberMe))).getAuthentication());
        AnonymousAuthenticationToken anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        assertEquals(anonymous, ((SecurityContextImpl) roundTrip(new SecurityContextImpl(anonymous))).getAuthentication());
    }

    @Test
    void csrfTokenRoundTrips() {
        CsrfToken back = assertInstanceOf(DefaultCsrfToken.class, roundTrip(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t0k3n")));
        assertEquals("X-CSRF-TOKEN", back.getHeaderName());
        assertEquals("_csrf", back.getParameterName());
        assertEquals("t0k3n", back.getToken());
    }

    @Test
    void savedRequestRoundTripsWithItsRedirectUrl() {
        DefaultSavedRequest saved = new DefaultSavedRequest.Builder().setScheme("https").setServerName("app.example")
                .setServerPort(443).setRequestURI("/private/page").setServletPath("/private/page").setQueryString("x=1")
                .setMethod("GET").setContextPath("").build();
        DefaultSavedRequest back = assertInstanceOf(DefaultSavedRequest.class, roundTrip(saved));
        assertEquals(saved.getRedirectUrl(), back.getRedirectUrl());
        assertEquals("GET", back.getMethod());
    }

    @Test
    void aPrincipalTypeIdNamingAnApplicationClassIsRefusedBeforeItLoads() {
        String hostile = "[\"org.springframework.security.core.context.SecurityContextImpl\",{\"@class\":"
                + "\"org.springframework.security.core.context.SecurityContextImpl\",\"authentication\":{\"@class\":"
                + "\"org.springframework.security.authentication.UsernamePasswordAuthenticationToken\",\"authorities\":"
                + "[\"java.util.Collections$UnmodifiableRandomAccessList\",[]],\"details\":null,\"authenticated\":true,"
                + "\"principal\":{\"@class\":\"" + Gadget.class.getName() + "\",\"command\":\"x\"},\"credentials\":null}}]";
        SessionException e = assertThrows(SessionException.class, () -> codec.decode(hostile.getBytes(StandardCharsets.UTF_8)));
        assertFalse(GADGET_LOADED.get(), "a type id inside Spring's value loaded an application class");
        assertTrue(e.getMessage().contains(Gadget.class.getName()), e.getMessage());
    }

    @Test
    void applicationValuesCarryNoTypeIds() {
        assertEquals("[\"" + Cart.class.getName() + "\",{\"item\":\"book\"}]",
                new String(codec.encode("cart", new Cart("book")), StandardCharsets.UTF_8));
    }
}
