package io.peeros.rest.internal.error;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ErrorStatusTest {

    @Test
    public void unknownThingsAre404() {
        assertEquals(404, ErrorStatus.of("PEER_UNKNOWN"));
        assertEquals(404, ErrorStatus.of("USER_UNKNOWN"));
    }

    @Test
    public void unknownRoleIsABadValue() {
        assertEquals(400, ErrorStatus.of("ROLE_UNKNOWN"));
    }

    @Test
    public void conflictsAre409() {
        assertEquals(409, ErrorStatus.of("USER_EXISTS"));
        assertEquals(409, ErrorStatus.of("REQUEST_PENDING"));
        assertEquals(409, ErrorStatus.of("ALREADY_REGISTERED"));
        assertEquals(409, ErrorStatus.of("USER_IS_OWNER"));
    }

    @Test
    public void codesThatDoNotVerifyAre422() {
        assertEquals(422, ErrorStatus.of("CODE_WRONG"));
        assertEquals(422, ErrorStatus.of("CODE_EXPIRED"));
        assertEquals(422, ErrorStatus.of("TRIES_EXHAUSTED"));
    }

    @Test
    public void badInputIs400() {
        assertEquals(400, ErrorStatus.of("URL_INVALID"));
        assertEquals(400, ErrorStatus.of("USER_NAME_INVALID"));
        assertEquals(400, ErrorStatus.of("PASSWORD_WEAK"));
        assertEquals(400, ErrorStatus.of("PEER_IS_SELF"));
        assertEquals(400, ErrorStatus.of("SOMETHING_NEW"));
    }

    @Test
    public void otherStatuses() {
        assertEquals(502, ErrorStatus.of("PEER_UNREACHABLE"));
        assertEquals(502, ErrorStatus.of("REMOTE_REFUSED"));
        assertEquals(429, ErrorStatus.of("TOO_MANY_REQUESTS"));
        assertEquals(401, ErrorStatus.of("INVALID_CREDENTIALS"));
        assertEquals(503, ErrorStatus.of("VAULT_LOCKED"));
        assertEquals(503, ErrorStatus.of("REGISTRY_INACTIVE"));
        assertEquals(403, ErrorStatus.of("CERT_MISMATCH"));
        assertEquals(500, ErrorStatus.of("STATE_IO"));
        assertEquals(500, ErrorStatus.of("VAULT_TAMPERED"));
        assertEquals(500, ErrorStatus.of(null));
    }
}
