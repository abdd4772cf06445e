package io.peeros.rest.internal.error;

import javax.ws.rs.core.Response;

/** A refusal decided by the REST layer itself, such as wrong credentials, with its status and stable code. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(Response.StatusType status, String code, String message) {
        super(message);
        this.status = status.getStatusCode();
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
