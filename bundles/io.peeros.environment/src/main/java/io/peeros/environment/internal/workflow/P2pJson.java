package io.peeros.environment.internal.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
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
import io.peeros.environment.api.AnsibleStep;
import io.peeros.environment.api.FilesStep;
import io.peeros.environment.api.ProvisioningStep;
import io.peeros.environment.api.ShellStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The JSON of the peer-to-peer environment protocol and of the journals: the API records as Jackson writes
 * them, with three rules of our own so that no extra Jackson module is needed: a {@link Duration} is a number of
 * seconds, an {@link Instant} an ISO-8601 string, an {@link ExecResult} {@code {exitCode, stdout, stderr,
 * truncated}} with UTF-8 text. A {@link Quota} is its record fields (its {@code isNone()} is not one).
 */
public final class P2pJson {

    private P2pJson() {
    }

    /** A mapper for the protocol: lenient on unknown fields, so that a newer peer can add some. */
    public static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule("peeros-environment");
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
        module.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getValueAsString());
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
                        n.path("stderr").asText("").getBytes(StandardCharsets.UTF_8), n.path("truncated").asBoolean());
            }
        });
        module.setMixInAnnotation(Quota.class, QuotaMixin.class);
        module.setMixInAnnotation(ProvisioningStep.class, StepMixin.class);
        return JsonMapper.builder().addModule(module)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.ALWAYS).build();
    }

    static byte[] write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    abstract static class QuotaMixin {
        @JsonIgnore
        abstract boolean isNone();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "@step")
    @JsonSubTypes({@JsonSubTypes.Type(value = ShellStep.class, name = "shell"),
        @JsonSubTypes.Type(value = FilesStep.class, name = "files"),
        @JsonSubTypes.Type(value = AnsibleStep.class, name = "ansible")})
    abstract static class StepMixin {
        @JsonIgnore
        abstract ProvisioningStep.Kind kind();
    }
}
