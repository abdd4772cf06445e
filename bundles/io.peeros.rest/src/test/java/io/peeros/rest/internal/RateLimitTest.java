package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.Role;
import io.peeros.rest.internal.support.Answer;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Unauthenticated POSTs share a small bucket per client address; past it: 429 with Retry-After. */
public class RateLimitTest {

    private RestFixture rest;

    @Before
    public void start() {
        rest = RestFixture.start(Map.of("rateLimitRequests", 3, "rateLimitSeconds", 60));
    }

    @After
    public void stop() {
        rest.close();
    }

    @Test
    public void tokenAttemptsBeyondTheBurstAre429() throws Exception {
        String wrong = "{\"user\": \"admin\", \"password\": \"guess-guess\"}";
        for (int i = 0; i < 3; i++) {
            assertEquals(401, rest.call("POST", "/auth/token", wrong, null).status());
        }

        Answer answer = rest.call("POST", "/auth/token", wrong, null);

        ErrorMappingTest.assertError(answer, 429, "TOO_MANY_REQUESTS");
        int retryAfter = Integer.parseInt(answer.header("Retry-After"));
        assertTrue("Retry-After " + retryAfter, retryAfter >= 1 && retryAfter <= 20);
    }

    @Test
    public void registrationsShareTheBucket() throws Exception {
        for (int i = 0; i < 3; i++) {
            rest.call("POST", "/p2p/registrations/r/reject", null, null);
        }

        ErrorMappingTest.assertError(rest.call("POST", "/p2p/registrations", "{}", null), 429, "TOO_MANY_REQUESTS");
        ErrorMappingTest.assertError(rest.call("POST", "/auth/token", "{}", null), 429, "TOO_MANY_REQUESTS");
    }

    @Test
    public void authenticatedCallsAreNotLimited() throws Exception {
        String viewer = rest.token(Role.VIEWER);
        for (int i = 0; i < 10; i++) {
            assertEquals(200, rest.call("GET", "/peer", null, viewer).status());
        }
    }
}
