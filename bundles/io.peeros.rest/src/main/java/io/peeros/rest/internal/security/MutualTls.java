package io.peeros.rest.internal.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource served only on the mutual-TLS port, where the handshake has already refused every caller that
 * is not a trusted peer. The public port refuses its methods.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MutualTls {
}
