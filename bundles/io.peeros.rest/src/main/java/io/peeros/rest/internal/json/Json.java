package io.peeros.rest.internal.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.jaxrs.cfg.JaxRSFeature;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * The JSON binding of both ports. Strict on input: unknown, missing and null fields, duplicate keys and
 * trailing content are refused, so a typo in a request is an error rather than a silent default.
 */
public final class Json {

    private Json() {
    }

    /** A new mapper with the API's rules. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** The JAX-RS provider; an empty body is refused rather than read as {@code null}. */
    public static JacksonJsonProvider provider() {
        JacksonJsonProvider provider = new JacksonJsonProvider(mapper());
        provider.disable(JaxRSFeature.ALLOW_EMPTY_INPUT);
        return provider;
    }
}
