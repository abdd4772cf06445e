package io.peeros.rest.internal.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;

/** An HTTP answer: status, headers and body. */
public record Answer(int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The error code of an error body. */
    public String code() {
        return json().path("code").asText();
    }

    public String message() {
        return json().path("message").asText();
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
