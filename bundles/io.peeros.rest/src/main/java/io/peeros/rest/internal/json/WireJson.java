package io.peeros.rest.internal.json;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The JSON of the peer-to-peer environment protocol: the API records as Jackson writes them, so the builder's
 * client and this server read each other without DTOs. Three rules of our own, the same on both sides: a
 * {@link Duration} is a number of seconds, an {@link ExecResult} is {@code {exitCode, stdout, stderr,
 * truncated}} with UTF-8 text, and a {@link Quota} is its record fields. Unknown fields are ignored, so a newer
 * peer may add some.
 */
public final class WireJson {

    private WireJson() {
    }

    public static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule("peeros-environment-wire");
        module.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeNumber(BigDecimal.valueOf(value.toMillis(), 3));
            }
        });
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Duration.ofMillis(p.getDecimalValue().movePointRight(3).longValue());
            }
        });
        module.addSerializer(ExecResult.class, new JsonSerializer<>() {
            @Override
            public void serialize(ExecResult value, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                gen.writeStartObject();
                gen.writeNumberField("exitCode", value.exitCode());
                gen.writeStringField("stdout", value.stdout());
                gen.writeStringField("stderr", value.stderr());
                gen.writeBooleanField("truncated", value.truncated());
                gen.writeEndObject();
            }
        });
        module.addDeserializer(ExecResult.class, new JsonDeserializer<>() {
            @Override
            public ExecResult deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonNode n = p.getCodec().readTree(p);
                return new ExecResult(n.path("exitCode").asInt(-1),
                        n.path("stdout").asText("").getBytes(StandardCharsets.UTF_8),
                        n.path("stderr").asText("").getBytes(StandardCharsets.UTF_8),
                        n.path("truncated").asBoolean());
            }
        });
        module.setMixInAnnotation(Quota.class, QuotaMixin.class);
        return JsonMapper.builder().addModule(module).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    abstract static class QuotaMixin {
        @JsonIgnore
        abstract boolean isNone();
    }
}
