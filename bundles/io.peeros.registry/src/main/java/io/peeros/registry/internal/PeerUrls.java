package io.peeros.registry.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Checks the URLs peers are reached at: absolute https with a host, no credentials, query or fragment. */
final class PeerUrls {

    private PeerUrls() {
    }

    /** The problem with {@code url}, or empty if it is a usable peer URL. */
    static Optional<String> problem(URI url) {
        if (url == null) {
            return Optional.of("no URL was given");
        }
        if (url.getScheme() == null || !"https".equals(url.getScheme().toLowerCase(Locale.ROOT))) {
            return Optional.of("it must start with https:// (peers only talk over TLS)");
        }
        if (url.isOpaque() || url.getHost() == null || url.getHost().isEmpty()) {
            return Optional.of("it has no host name or address (e.g. https://peer.example.org:8443)");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("it must not contain a user name or password");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            return Optional.of("it must not have a query (?...) or fragment (#...)");
        }
        return Optional.empty();
    }

    /** Parses text as a URL; empty if it is no URI at all. */
    static Optional<URI> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text.strip()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The URL without trailing slashes, so paths can be appended. */
    static URI normalize(URI url) {
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }
}
