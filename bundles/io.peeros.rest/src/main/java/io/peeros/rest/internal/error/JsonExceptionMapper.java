package io.peeros.rest.internal.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/**
 * A request body Jackson could not read, as 400 with a message naming the field and the line and column:
 * {@code BODY_INVALID} (not JSON, or not the expected shape), {@code FIELD_UNKNOWN}, {@code FIELD_MISSING}
 * (absent or null) or {@code FIELD_INVALID} (wrong type).
 */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    private static final Pattern CREATOR_PROPERTY = Pattern.compile("creator property '([^']+)'");

    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof InvalidDefinitionException) {
            return unexpected.toResponse(e); // our types cannot be bound: a bug here, not in the request
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return badRequest("FIELD_UNKNOWN", "Unknown field '" + path(unknown, null) + "'"
                    + known(unknown.getKnownPropertyIds()), e);
        }
        if (e instanceof MismatchedInputException mismatch) {
            Matcher creator = CREATOR_PROPERTY.matcher(String.valueOf(mismatch.getOriginalMessage()));
            if (creator.find()) {
                return badRequest("FIELD_MISSING", "Field '" + path(mismatch, creator.group(1)) + "' is required",
                        e);
            }
            if (mismatch.getPath().isEmpty()) {
                return badRequest("BODY_INVALID", "The body must be " + JsonTypes.describe(mismatch.getTargetType()),
                        e);
            }
            return badRequest("FIELD_INVALID", "Field '" + path(mismatch, null) + "' must be "
                    + JsonTypes.describe(mismatch.getTargetType()), e);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return badRequest("FIELD_INVALID", "Field '" + path(mapping, null) + "' is invalid: "
                    + rootMessage(e), e);
        }
        return badRequest("BODY_INVALID", "Malformed JSON: " + e.getOriginalMessage(), e);
    }

    private static Response badRequest(String code, String message, JsonProcessingException e) {
        return ErrorResponses.of(Response.Status.BAD_REQUEST, code, message + at(e.getLocation()) + ".");
    }

    private static String path(JsonMappingException e, String last) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        // Jackson usually names a missing creator property in the path already; older versions did not
        if (last != null && !path.toString().equals(last) && !path.toString().endsWith("." + last)) {
            path.append(path.length() == 0 ? "" : ".").append(last);
        }
        return path.toString();
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        return "; known fields: " + ids.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new))
                .stream().collect(Collectors.joining(", "));
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof JsonProcessingException json ? json.getOriginalMessage() : root.getMessage();
    }
}
