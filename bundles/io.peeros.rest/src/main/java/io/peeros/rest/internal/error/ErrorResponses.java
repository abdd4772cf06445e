package io.peeros.rest.internal.error;

import io.peeros.rest.internal.dto.ErrorDto;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Builds the one error shape of the API: {@code {"code": "STABLE_CODE", "message": "...", "status": n}}. */
public final class ErrorResponses {

    private static final String REALM = "Bearer realm=\"peeros\"";

    private ErrorResponses() {
    }

    public static Response of(Response.StatusType status, String code, String message) {
        return of(status.getStatusCode(), code, message);
    }

    public static Response of(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorDto(code, message, status)).build();
    }

    /**
     * A 401 with the bearer challenge of RFC 6750.
     *
     * @param error the challenge's {@code error} parameter, such as {@code invalid_token}; {@code null} for none
     */
    public static Response unauthorized(String code, String message, String error) {
        String challenge = error == null ? REALM : REALM + ", error=\"" + error + "\"";
        return Response.fromResponse(of(Response.Status.UNAUTHORIZED, code, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
