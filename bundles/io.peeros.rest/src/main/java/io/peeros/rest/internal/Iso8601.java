package io.peeros.rest.internal;

import java.net.URI;
import java.time.Instant;

/** The API's text form of instants and URLs: ISO-8601 and the URI string, {@code null} staying null. */
final class Iso8601 {

    private Iso8601() {
    }

    static String of(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static String of(URI uri) {
        return uri == null ? null : uri.toString();
    }
}
