package io.peeros.rest.internal.security;

import io.peeros.identity.api.Role;
import java.lang.reflect.Method;
import java.util.Optional;
import javax.annotation.security.PermitAll;
import javax.ws.rs.Path;

/**
 * What a resource method asks of a caller on the public port, read from its annotations: a role, nothing
 * ({@link PermitAll}), or, when it declares neither, a refusal, so a forgotten annotation fails closed.
 *
 * @param kind the kind of rule
 * @param role the least role, for {@link Kind#ROLE}
 */
public record AccessRule(Kind kind, Optional<Role> role) {

    /** The kinds of rule. */
    public enum Kind {
        /** A bearer token with at least the role is needed. */
        ROLE,
        /** Anyone may call. */
        OPEN,
        /** Nobody may call on this port. */
        REFUSED
    }

    /** The rule of {@code method} of resource class {@code type}. */
    public static AccessRule of(Class<?> type, Method method) {
        if (type.isAnnotationPresent(MutualTls.class)) {
            return new AccessRule(Kind.REFUSED, Optional.empty());
        }
        RequiresRole onMethod = method.getAnnotation(RequiresRole.class);
        if (onMethod != null) {
            return role(onMethod.value());
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return new AccessRule(Kind.OPEN, Optional.empty());
        }
        RequiresRole onType = type.getAnnotation(RequiresRole.class);
        if (onType != null) {
            return role(onType.value());
        }
        if (type.isAnnotationPresent(PermitAll.class) || isOpenApiDocument(type)) {
            return new AccessRule(Kind.OPEN, Optional.empty());
        }
        return new AccessRule(Kind.REFUSED, Optional.empty());
    }

    private static AccessRule role(Role role) {
        return new AccessRule(Kind.ROLE, Optional.of(role));
    }

    // The OpenAPI document is served by CXF's own resource class, which we cannot annotate.
    private static boolean isOpenApiDocument(Class<?> type) {
        Path path = type.getAnnotation(Path.class);
        return !type.getName().startsWith("io.peeros.") && path != null && path.value().startsWith("/openapi.");
    }
}
