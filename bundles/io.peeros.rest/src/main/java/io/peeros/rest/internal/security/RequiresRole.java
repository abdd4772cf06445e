package io.peeros.rest.internal.security;

import io.peeros.identity.api.Role;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a caller's bearer token must carry to use a resource method ({@link Role#includes}
 * decides). On a method it overrides the one on its class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRole {

    Role value();
}
