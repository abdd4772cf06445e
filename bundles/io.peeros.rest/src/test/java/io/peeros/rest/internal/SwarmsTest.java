package io.peeros.rest.internal;

import static io.peeros.rest.internal.ErrorMappingTest.assertError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.support.Answer;
import io.peeros.vpn.api.testing.FakeSwarmService;
import io.peeros.vpn.api.DropCause;
import io.peeros.vpn.api.PathKind;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmMember;
import io.peeros.vpn.api.SwarmSpec;
import io.peeros.vpn.api.VpnException;
import io.peeros.vpn.api.VpnStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** /swarms and /swarms/{id}: listing, reading, joining, setting the members and leaving. */
public class SwarmsTest {

    private static final String ALPHA = "a1".repeat(32);
    private static final String BETA = "b2".repeat(32);
    private static final String GAMMA = "c3".repeat(32);
    private static final Instant HANDSHAKE = Instant.parse("2026-11-21T11:58:00Z");

    private static RestFixture rest;
    private static String viewer;
    private static String operator;
    private static String admin;

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
        viewer = rest.token(Role.VIEWER);
        operator = rest.token(Role.OPERATOR);
        admin = rest.token(Role.ADMIN);
        rest.bindSwarmService();
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Before
    public void clean() {
        rest.swarms.swarms.clear();
        rest.swarms.joins.clear();
        rest.swarms.trusted = null;
        rest.swarms.failure = null;
        rest.bindSwarmService();
    }

    /** env-1: alpha direct with drops, beta relayed through alpha, gamma unreachable. */
    private static Swarm env1() {
        SwarmMember alpha = new SwarmMember(ALPHA, Optional.of("203.0.113.5:51820"), PathKind.DIRECT,
                Optional.empty(), Optional.of(Duration.ofNanos(12_345_000)), Optional.of(HANDSHAKE),
                new VpnStats(4096, 2048, 30, 20, 3, Map.of(DropCause.BAD_MAC, 2L, DropCause.REPLAY, 1L)));
        SwarmMember beta = new SwarmMember(BETA, Optional.of("198.51.100.7:40000"), PathKind.RELAYED,
                Optional.of(ALPHA), Optional.of(Duration.ofMillis(40)), Optional.of(HANDSHAKE),
                new VpnStats(512, 100, 1, 2, 1, Map.of()));
        return new Swarm("env-1", "pvpn0", List.of(alpha, beta, FakeSwarmService.idle(GAMMA)),
                new VpnStats(4608, 2148, 31, 22, 4,
                        Map.of(DropCause.BAD_MAC, 2L, DropCause.REPLAY, 1L, DropCause.MALFORMED, 4L)),
                "pbr-env-1", Optional.of("10.200.1.0/24"), 1380);
    }

    @Test
    public void viewersListAndReadSwarmsWithTheirMembersPathsAndDrops() throws Exception {
        rest.swarms.with(env1()).with(new Swarm("bare", "", List.of(), VpnStats.EMPTY));

        Answer list = rest.call("GET", "/swarms", null, viewer);
        Answer one = rest.call("GET", "/swarms/env-1", null, viewer);

        assertEquals(list.toString(), 200, list.status());
        assertEquals(2, list.json().size());
        JsonNode bare = list.json().path(0);
        assertEquals("bare", bare.path("id").asText());
        assertTrue(bare.toString(), bare.path("interfaceName").isNull() && bare.path("bridge").isNull()
                && bare.path("subnet").isNull());
        assertEquals(one.toString(), 200, one.status());
        JsonNode swarm = one.json();
        assertEquals("env-1", swarm.path("id").asText());
        assertEquals("pvpn0", swarm.path("interfaceName").asText());
        assertEquals("pbr-env-1", swarm.path("bridge").asText());
        assertEquals("10.200.1.0/24", swarm.path("subnet").asText());
        assertEquals(2, swarm.path("membersUp").asInt());
        assertEquals(1380, swarm.path("mtu").asInt());
        assertEquals(7, swarm.path("stats").path("dropped").asLong());
        assertEquals("{\"malformed\":4,\"bad_mac\":2,\"replay\":1}", swarm.path("stats").path("drops").toString());
        JsonNode alpha = swarm.path("members").path(0);
        assertEquals(ALPHA, alpha.path("peerId").asText());
        assertEquals("203.0.113.5:51820", alpha.path("endpoint").asText());
        assertEquals("direct", alpha.path("path").asText());
        assertTrue(alpha.path("relayPeerId").isNull());
        assertEquals(12.345, alpha.path("rttMillis").asDouble(), 1e-9);
        assertEquals("2026-11-21T11:58:00Z", alpha.path("lastHandshake").asText());
        assertEquals("{\"rxBytes\":4096,\"txBytes\":2048,\"rxPackets\":30,\"txPackets\":20,\"handshakes\":3,"
                + "\"dropped\":3,\"drops\":{\"bad_mac\":2,\"replay\":1}}", alpha.path("stats").toString());
        JsonNode beta = swarm.path("members").path(1);
        assertEquals("relayed", beta.path("path").asText());
        assertEquals(ALPHA, beta.path("relayPeerId").asText());
        assertEquals("{}", beta.path("stats").path("drops").toString());
        JsonNode gamma = swarm.path("members").path(2);
        assertEquals("none", gamma.path("path").asText());
        assertTrue(gamma.toString(), gamma.path("endpoint").isNull() && gamma.path("rttMillis").isNull()
                && gamma.path("lastHandshake").isNull());
    }

    @Test
    public void anUnknownSwarmIs404() throws Exception {
        assertError(rest.call("GET", "/swarms/nope", null, viewer), 404, "SWARM_NOT_FOUND");
        assertError(rest.call("PUT", "/swarms/nope/members", "{\"members\": [\"" + ALPHA + "\"]}", admin), 404,
                "SWARM_NOT_FOUND");
        assertError(rest.call("DELETE", "/swarms/nope", null, admin), 404, "SWARM_NOT_FOUND");
        assertEquals(List.of(), rest.swarms.joins);
    }

    @Test
    public void adminsJoinWithOrWithoutASubnet() throws Exception {
        Answer created = rest.call("POST", "/swarms", "{\"id\": \"env-2\", \"members\": [\"" + ALPHA + "\", \""
                + BETA + "\"], \"subnet\": \"10.200.2.0/24\"}", admin);
        Answer bare = rest.call("POST", "/swarms", "{\"id\": \"lab\", \"members\": [\"" + ALPHA + "\"]}", admin);

        assertEquals(created.toString(), 201, created.status());
        assertTrue(created.header("Location"), created.header("Location").endsWith("/api/v1/swarms/env-2"));
        assertEquals("env-2", created.json().path("id").asText());
        assertEquals("10.200.2.0/24", created.json().path("subnet").asText());
        assertEquals(2, created.json().path("members").size());
        assertEquals(0, created.json().path("membersUp").asInt());
        assertEquals(bare.toString(), 201, bare.status());
        assertTrue(bare.json().path("subnet").isNull());
        assertEquals(List.of(new SwarmSpec("env-2", Set.of(ALPHA, BETA), Optional.of("10.200.2.0/24")),
                new SwarmSpec("lab", Set.of(ALPHA), Optional.empty())), rest.swarms.joins);
        assertEquals(200, rest.call("GET", "/swarms/env-2", null, viewer).status());
    }

    @Test
    public void postingAJoinedSwarmAgainReconcilesIt() throws Exception {
        rest.swarms.with(env1());

        Answer again = rest.call("POST", "/swarms", "{\"id\": \"env-1\", \"members\": [\"" + ALPHA
                + "\"], \"subnet\": \"10.200.1.0/24\"}", admin);

        assertEquals(again.toString(), 200, again.status());
        assertEquals(1, again.json().path("members").size());
    }

    @Test
    public void settingTheMembersKeepsTheSubnet() throws Exception {
        rest.swarms.with(env1());

        Answer set = rest.call("PUT", "/swarms/env-1/members", "{\"members\": [\"" + ALPHA + "\", \"" + GAMMA
                + "\"]}", admin);

        assertEquals(set.toString(), 200, set.status());
        assertEquals(List.of(new SwarmSpec("env-1", Set.of(ALPHA, GAMMA), Optional.of("10.200.1.0/24"))),
                rest.swarms.joins);
        assertEquals(2, set.json().path("members").size());
        assertEquals("10.200.1.0/24", set.json().path("subnet").asText());
    }

    @Test
    public void leavingAnswers204AndTheSwarmIsGone() throws Exception {
        rest.swarms.with(env1());

        assertEquals(204, rest.call("DELETE", "/swarms/env-1", null, admin).status());
        assertError(rest.call("GET", "/swarms/env-1", null, viewer), 404, "SWARM_NOT_FOUND");
    }

    @Test
    public void subnetClashesAre409() throws Exception {
        rest.swarms.with(env1());

        assertError(rest.call("POST", "/swarms", "{\"id\": \"env-2\", \"members\": [], \"subnet\": \"10.200.1.0/24\"}",
                admin), 409, "SUBNET_OVERLAP");
        assertError(rest.call("POST", "/swarms", "{\"id\": \"env-1\", \"members\": [], \"subnet\": \"10.200.9.0/24\"}",
                admin), 409, "SUBNET_CHANGED");
        assertEquals(1, rest.swarms.swarms.size());
    }

    @Test
    public void refusedRequestsAre400AndNameTheField() throws Exception {
        rest.swarms.trusted = Set.of(ALPHA);

        assertError(rest.call("POST", "/swarms", "{\"id\": \"bad id\", \"members\": []}", admin), 400,
                "SWARM_INVALID");
        assertError(rest.call("POST", "/swarms", "{\"id\": \"env-2\", \"members\": [], \"subnet\": \"10.200/x\"}",
                admin), 400, "SUBNET_INVALID");
        assertError(rest.call("POST", "/swarms", "{\"id\": \"env-2\", \"members\": [\"" + BETA + "\"]}", admin),
                400, "MEMBER_UNKNOWN");
        assertField(rest.call("POST", "/swarms", "{\"id\": \"env-2\"}", admin), "FIELD_MISSING", "'members'");
        assertField(rest.call("POST", "/swarms", "{\"members\": []}", admin), "FIELD_MISSING", "'id'");
        assertField(rest.call("POST", "/swarms", "{\"id\": \"env-2\", \"members\": [], \"name\": \"x\"}", admin),
                "FIELD_UNKNOWN", "'name'");
        assertField(rest.call("POST", "/swarms", "{\"id\": \"env-2\", \"members\": \"" + ALPHA + "\"}", admin),
                "FIELD_INVALID", "'members'");
        assertField(rest.call("POST", "/swarms", "{\"id\": \"env-2\", \"members\": [\"" + ALPHA + "\", null]}",
                admin), "FIELD_INVALID", "'members[1]'");
        assertField(rest.call("POST", "/swarms", "{\"id\": \"env-2\",, \"members\": []}", admin), "BODY_INVALID",
                "Malformed JSON");
        rest.swarms.with(env1());
        assertField(rest.call("PUT", "/swarms/env-1/members", "{}", admin), "FIELD_MISSING", "'members'");
        assertField(rest.call("PUT", "/swarms/env-1/members", "{\"members\": [], \"subnet\": \"10.0.0.0/8\"}",
                admin), "FIELD_UNKNOWN", "'subnet'");
        assertEquals(1, rest.swarms.swarms.size());
    }

    @Test
    public void aDataPlaneFailureIs500() throws Exception {
        rest.swarms.failure = new VpnException("DATAPLANE_FAILED", "cannot create TAP device pvpn0");

        assertError(rest.call("POST", "/swarms", "{\"id\": \"env-2\", \"members\": []}", admin), 500,
                "DATAPLANE_FAILED");
    }

    @Test
    public void onlyOperatorsChangeSwarmsAndNobodyAnonymously() throws Exception {
        rest.swarms.with(env1());
        String body = "{\"id\": \"env-2\", \"members\": []}";

        for (String token : List.of(viewer)) {
            assertError(rest.call("POST", "/swarms", body, token), 403, "ROLE_INSUFFICIENT");
            assertError(rest.call("PUT", "/swarms/env-1/members", "{\"members\": []}", token), 403,
                    "ROLE_INSUFFICIENT");
            assertError(rest.call("DELETE", "/swarms/env-1", null, token), 403, "ROLE_INSUFFICIENT");
        }
        assertError(rest.call("GET", "/swarms", null, null), 401, "AUTH_REQUIRED");
        assertError(rest.call("GET", "/swarms/env-1", null, null), 401, "AUTH_REQUIRED");
        assertError(rest.call("POST", "/swarms", body, null), 401, "AUTH_REQUIRED");
        assertEquals(List.of(), rest.swarms.joins);
        assertEquals(3, rest.swarms.swarms.get("env-1").members().size());
    }

    @Test
    public void withoutTheVpnServiceTheSwarmPathsAre503() throws Exception {
        rest.unbindSwarmService();

        assertError(rest.call("GET", "/swarms", null, viewer), 503, "VPN_UNAVAILABLE");
        assertError(rest.call("GET", "/swarms/env-1", null, viewer), 503, "VPN_UNAVAILABLE");
        assertError(rest.call("POST", "/swarms", "{\"id\": \"env-2\", \"members\": []}", admin), 503,
                "VPN_UNAVAILABLE");
        assertEquals(200, rest.call("GET", "/peer", null, viewer).status());

        rest.bindSwarmService();
        assertEquals(200, rest.call("GET", "/swarms", null, viewer).status());
    }

    private static void assertField(Answer answer, String code, String named) {
        assertError(answer, 400, code);
        assertTrue(answer.toString(), answer.message().contains(named));
    }
}
