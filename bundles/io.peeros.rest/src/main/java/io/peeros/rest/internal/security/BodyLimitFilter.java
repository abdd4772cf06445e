package io.peeros.rest.internal.security;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Response;

/**
 * Refuses request bodies over a limit with 413, before anything reads them: by {@code Content-Length} when the
 * client sends one, otherwise while the body streams in. Every body of this API is a small JSON object, and
 * some are accepted before any authentication. Paths that take large uploads (a template archive) are named at
 * construction: their resources stream the body to disk and limit it themselves, after authentication.
 */
@PreMatching
public final class BodyLimitFilter implements ContainerRequestFilter {

    private final long limit;
    private final Set<String> streamedPaths;
    private final Map<String, Long> largerLimits;

    public BodyLimitFilter(long limit) {
        this(limit, Set.of());
    }

    /** @param streamedPaths paths relative to the base, without slashes at either end, e.g. {@code templates} */
    public BodyLimitFilter(long limit, Set<String> streamedPaths) {
        this(limit, streamedPaths, Map.of());
    }

    /**
     * @param streamedPaths paths relative to the base, without slashes at either end, e.g. {@code templates}
     * @param largerLimits paths, named the same way, whose bodies may be larger (an environment's blueprint)
     */
    public BodyLimitFilter(long limit, Set<String> streamedPaths, Map<String, Long> largerLimits) {
        this.limit = limit;
        this.streamedPaths = Set.copyOf(streamedPaths);
        this.largerLimits = Map.copyOf(largerLimits);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = trimSlashes(request.getUriInfo().getPath());
        if (!streamedPaths.isEmpty() && streamedPaths.contains(path)) {
            return;
        }
        long max = largerLimits.getOrDefault(path, limit);
        if (request.getLength() > max) {
            throw tooLarge(max);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), max));
        }
    }

    private static String trimSlashes(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return path.substring(from, to);
    }

    private static WebApplicationException tooLarge(long max) {
        return new WebApplicationException("Request bodies are limited to " + max + " bytes.",
                Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    private static final class Limited extends FilterInputStream {

        private final long max;
        private long read;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw tooLarge(max);
            }
        }
    }
}
