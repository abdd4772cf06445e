package io.peeros.rest.internal.error;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.NoContentException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;

/**
 * What JAX-RS itself refuses (no such path, wrong method, wrong media type, missing body) in the API's error
 * shape, keeping the headers that matter ({@code Allow}, {@code WWW-Authenticate}, {@code Retry-After}).
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE,
            HttpHeaders.RETRY_AFTER);

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.ResponseBuilder answer = Response.fromResponse(ErrorResponses.of(status, code(status, e),
                message(status, e, original)));
        for (String header : KEPT_HEADERS) {
            if (original.getHeaders().containsKey(header)) {
                answer.header(header, original.getHeaderString(header));
            }
        }
        return answer.build();
    }

    private static String code(int status, WebApplicationException e) {
        return switch (status) {
            case 400 -> e.getCause() instanceof NoContentException ? "BODY_MISSING" : "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "BODY_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> "HTTP_" + status;
        };
    }

    private static String message(int status, WebApplicationException e, Response original) {
        String request = request();
        return switch (status) {
            case 400 -> e.getCause() instanceof NoContentException ? "This call needs a JSON body."
                    : "The request is malformed: " + request + ".";
            case 404 -> "Nothing here: " + request + ".";
            case 405 -> request + " is not allowed; this path allows " + allowed(original) + ".";
            case 406 -> "This API answers with application/json only.";
            case 413 -> e.getMessage();
            case 415 -> "Send the body as application/json.";
            default -> original.getStatusInfo().getReasonPhrase() + ": " + request + ".";
        };
    }

    private static String request() {
        Message message = JAXRSUtils.getCurrentMessage();
        if (message == null) {
            return "this request";
        }
        return message.get(Message.HTTP_REQUEST_METHOD) + " " + message.get(Message.REQUEST_URI);
    }

    private static String allowed(Response original) {
        Set<String> methods = new TreeSet<>();
        original.getAllowedMethods().forEach(m -> methods.add(m.toUpperCase(Locale.ROOT)));
        return methods.isEmpty() ? "other methods" : String.join(", ", methods);
    }
}
