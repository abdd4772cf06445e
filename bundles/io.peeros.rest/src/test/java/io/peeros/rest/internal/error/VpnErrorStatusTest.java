package io.peeros.rest.internal.error;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class VpnErrorStatusTest {

    @Test
    public void everyCodeOfTheSwarmServiceHasItsStatus() {
        assertEquals(400, VpnErrorStatus.of("SWARM_INVALID"));
        assertEquals(400, VpnErrorStatus.of("SUBNET_INVALID"));
        assertEquals(400, VpnErrorStatus.of("MEMBER_UNKNOWN"));
        assertEquals(409, VpnErrorStatus.of("SUBNET_OVERLAP"));
        assertEquals(409, VpnErrorStatus.of("SUBNET_CHANGED"));
        assertEquals(404, VpnErrorStatus.of("SWARM_NOT_FOUND"));
        assertEquals(500, VpnErrorStatus.of("DATAPLANE_FAILED"));
        assertEquals(503, VpnErrorStatus.of("DATAPLANE_STARTING"));
    }

    @Test
    public void aNewCodeIsABadRequestAndNoCodeAFailure() {
        assertEquals(400, VpnErrorStatus.of("SOMETHING_NEW"));
        assertEquals(500, VpnErrorStatus.of(null));
    }
}
