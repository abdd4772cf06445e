package io.peeros.rest.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.Role;
import io.peeros.rest.internal.AuthResource;
import io.peeros.rest.internal.P2pResource;
import io.peeros.rest.internal.PeerRequestsResource;
import io.peeros.rest.internal.PeerResource;
import io.peeros.rest.internal.PeersResource;
import io.peeros.rest.internal.RegistrationsResource;
import io.peeros.rest.internal.UsersResource;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import org.junit.Test;

/** Every method of the public port declares who may call it, and every state change needs a role. */
public class AccessRuleTest {

    private static final List<Class<?>> PUBLIC_PORT = List.of(PeerResource.class, PeersResource.class,
            PeerRequestsResource.class, AuthResource.class, UsersResource.class, RegistrationsResource.class);

    /** The only calls without a token: the token itself, and registration, checked by certificate and code. */
    private static final Set<String> OPEN = Set.of("AuthResource.issue", "RegistrationsResource.register",
            "RegistrationsResource.confirm", "RegistrationsResource.reject");

    @Test
    public void everyMethodDeclaresARule() {
        List<String> undeclared = new ArrayList<>();
        for (Method method : resourceMethods()) {
            if (AccessRule.of(method.getDeclaringClass(), method).kind() == AccessRule.Kind.REFUSED) {
                undeclared.add(name(method));
            }
        }
        assertTrue("no access rule: " + undeclared, undeclared.isEmpty());
    }

    @Test
    public void onlyTheListedMethodsAreOpen() {
        List<String> open = new ArrayList<>();
        for (Method method : resourceMethods()) {
            if (AccessRule.of(method.getDeclaringClass(), method).kind() == AccessRule.Kind.OPEN) {
                open.add(name(method));
            }
        }
        assertEquals(OPEN, Set.copyOf(open));
    }

    @Test
    public void everyStateChangeOfTheUserApiNeedsARole() {
        for (Method method : resourceMethods()) {
            boolean changes = method.isAnnotationPresent(POST.class) || method.isAnnotationPresent(PUT.class)
                    || method.isAnnotationPresent(DELETE.class);
            if (changes && !OPEN.contains(name(method))) {
                assertEquals(name(method), AccessRule.Kind.ROLE,
                        AccessRule.of(method.getDeclaringClass(), method).kind());
            }
        }
    }

    @Test
    public void peerAndUserAdministrationNeedAdmin() throws Exception {
        assertEquals(Role.ADMIN, role(PeersResource.class.getMethod("register",
                io.peeros.rest.internal.dto.RegisterPeerDto.class)));
        assertEquals(Role.ADMIN, role(UsersResource.class.getMethod("list")));
        assertEquals(Role.VIEWER, role(PeersResource.class.getMethod("list")));
        assertEquals(Role.VIEWER, role(UsersResource.class.getMethod("changePassword", String.class,
                io.peeros.rest.internal.dto.PasswordDto.class, javax.ws.rs.core.SecurityContext.class)));
    }

    @Test
    public void peerProtocolIsRefusedOnThePublicPort() throws Exception {
        Method heartbeat = P2pResource.class.getMethod("heartbeat",
                io.peeros.rest.internal.tls.ClientCertificate.class);

        assertEquals(AccessRule.Kind.REFUSED, AccessRule.of(P2pResource.class, heartbeat).kind());
    }

    @Test
    public void undeclaredMethodsAreRefused() throws Exception {
        assertEquals(AccessRule.Kind.REFUSED, AccessRule.of(Undeclared.class,
                Undeclared.class.getMethod("get")).kind());
    }

    @Path("/undeclared")
    public static class Undeclared {
        @GET
        public String get() {
            return "";
        }
    }

    private static Role role(Method method) {
        return AccessRule.of(method.getDeclaringClass(), method).role().orElseThrow();
    }

    private static List<Method> resourceMethods() {
        List<Method> methods = new ArrayList<>();
        for (Class<?> type : PUBLIC_PORT) {
            for (Method method : type.getDeclaredMethods()) {
                for (var annotation : method.getAnnotations()) {
                    if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                        methods.add(method);
                    }
                }
            }
        }
        assertTrue(methods.size() > 10);
        return methods;
    }

    private static String name(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
