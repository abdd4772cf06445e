package io.peeros.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.peeros.identity.api.PeerIds;
import io.peeros.rest.internal.error.ApiException;
import io.peeros.rest.internal.json.WireJson;
import io.peeros.rest.internal.tls.ClientCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * What the two peer-to-peer environment resources share: the calling peer's id and the wire JSON, read and
 * written here rather than by the API's strict provider (the records have optional, nullable fields).
 */
final class P2pEnvironments {

    private static final ObjectMapper JSON = WireJson.mapper();

    private P2pEnvironments() {
    }

    /** The id of the peer whose certificate opened the connection; the handshake already required one. */
    static String caller(ClientCertificate client) {
        if (client == null || client.orNull() == null) {
            throw new ApiException(Response.Status.FORBIDDEN, "CERT_MISMATCH", "No client certificate came with "
                    + "the call.");
        }
        return PeerIds.of(client.orNull());
    }

    static <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new ApiException(Response.Status.BAD_REQUEST, "BODY_INVALID", "The body must be a "
                    + type.getSimpleName() + " as JSON.");
        }
        T value;
        try {
            value = JSON.readValue(body, type);
        } catch (ValueInstantiationException e) {
            // a record's constructor refused a value (a required field missing)
            throw new ApiException(Response.Status.BAD_REQUEST, "INVALID_REQUEST", "The body is not a valid "
                    + type.getSimpleName() + ": " + (e.getCause() == null || e.getCause().getMessage() == null
                            ? "a required field is missing or null." : e.getCause().getMessage() + " is required."));
        } catch (JsonProcessingException e) {
            throw new ApiException(Response.Status.BAD_REQUEST, "BODY_INVALID", "The body is not a "
                    + type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (value == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "BODY_INVALID", "The body must be a "
                    + type.getSimpleName() + ", not null.");
        }
        return value;
    }

    static Response ok(Object value) {
        try {
            return Response.ok(JSON.writeValueAsBytes(value), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
