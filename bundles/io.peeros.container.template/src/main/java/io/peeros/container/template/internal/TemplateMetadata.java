package io.peeros.container.template.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peeros.container.api.TemplateInfo;
import io.peeros.identity.api.PeerIds;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The content of {@code metadata.json}, the part of an archive that is signed. Reading is strict: every
 * field present with the right type and form, no unknown or duplicate field, format 1.
 *
 * @param parent the parent template, bound to its exact rootfs, or {@code null}
 * @param rootfsSize bytes of the uncompressed rootfs tar stream
 * @param rootfsCompressedSize bytes of {@code rootfs.tar.zst}
 * @param publisherCertificate the publisher's X.509 certificate, PEM
 */
record TemplateMetadata(String name, String version, Parent parent, String architecture, Instant created,
        long rootfsSize, long rootfsCompressedSize, String rootfsSha256, String configSha256, String publisher,
        String publisherCertificate) {

    static final int FORMAT = 1;

    /** A parent reference: name, version and the SHA-256 of the parent's {@code rootfs.tar.zst}. */
    record Parent(String name, String version, String rootfsSha256) {
        String id() {
            return TemplateNames.id(name, version);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ARCH = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Set<String> FIELDS = Set.of("format", "name", "version", "parent", "architecture", "created",
            "rootfsSize", "rootfsCompressedSize", "rootfsSha256", "configSha256", "publisher", "publisherCertificate");
    private static final Set<String> PARENT_FIELDS = Set.of("name", "version", "rootfsSha256");

    TemplateInfo info() {
        return new TemplateInfo(name, version, parent == null ? null : parent.id(), architecture, created,
                rootfsSize, rootfsCompressedSize, rootfsSha256, configSha256, publisher);
    }

    String id() {
        return TemplateNames.id(name, version);
    }

    /** The JSON document, fields in a fixed order, UTF-8. */
    byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("name", name);
        o.put("version", version);
        if (parent == null) {
            o.putNull("parent");
        } else {
            o.putObject("parent").put("name", parent.name()).put("version", parent.version())
                    .put("rootfsSha256", parent.rootfsSha256());
        }
        o.put("architecture", architecture);
        o.put("created", created.toString());
        o.put("rootfsSize", rootfsSize);
        o.put("rootfsCompressedSize", rootfsCompressedSize);
        o.put("rootfsSha256", rootfsSha256);
        o.put("configSha256", configSha256);
        o.put("publisher", publisher);
        o.put("publisherCertificate", publisherCertificate);
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses the document as a JSON object without checking its fields: enough to find the signer. */
    static JsonNode tree(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw TarIn.invalid("metadata.json is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw TarIn.invalid("metadata.json is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw TarIn.invalid("metadata.json cannot be read: " + e.getMessage());
        }
    }

    /** The fields of a signature-checked document, each checked. */
    static TemplateMetadata of(JsonNode o) {
        onlyFields(o, FIELDS, "metadata.json");
        if (!o.path("format").isInt() || o.get("format").intValue() != FORMAT) {
            throw TarIn.invalid("metadata.json has format " + o.path("format") + "; this peer reads format " + FORMAT);
        }
        String name = text(o, "name");
        String version = text(o, "version");
        TemplateNames.checkName(name);
        TemplateNames.checkVersion(version);
        Parent parent = null;
        JsonNode p = o.path("parent");
        if (p.isObject()) {
            onlyFields(p, PARENT_FIELDS, "the parent in metadata.json");
            parent = new Parent(text(p, "name"), text(p, "version"), hash(p, "rootfsSha256"));
            TemplateNames.checkName(parent.name());
            TemplateNames.checkVersion(parent.version());
        } else if (!p.isNull()) {
            throw TarIn.invalid("metadata.json: parent must be null or {name, version, rootfsSha256}");
        }
        String arch = text(o, "architecture");
        if (!ARCH.matcher(arch).matches()) {
            throw TarIn.invalid("metadata.json: architecture '" + arch + "' is not an architecture name");
        }
        Instant created;
        try {
            created = Instant.parse(text(o, "created"));
        } catch (DateTimeParseException e) {
            throw TarIn.invalid("metadata.json: created is not an ISO-8601 instant");
        }
        String publisher = text(o, "publisher");
        if (!PeerIds.isWellFormed(publisher)) {
            throw TarIn.invalid("metadata.json: publisher is not a peer id");
        }
        return new TemplateMetadata(name, version, parent, arch, created, size(o, "rootfsSize"),
                size(o, "rootfsCompressedSize"), hash(o, "rootfsSha256"), hash(o, "configSha256"), publisher,
                text(o, "publisherCertificate"));
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw TarIn.invalid("metadata.json: " + field + " is missing or not a string");
        }
        return v.textValue();
    }

    private static String hash(JsonNode o, String field) {
        String v = text(o, field);
        if (!SHA256.matcher(v).matches()) {
            throw TarIn.invalid("metadata.json: " + field + " is not a lower-case hex SHA-256");
        }
        return v;
    }

    private static long size(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong() || v.longValue() < 0) {
            throw TarIn.invalid("metadata.json: " + field + " is missing or not a byte count");
        }
        return v.longValue();
    }

    private static void onlyFields(JsonNode o, Set<String> allowed, String where) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw TarIn.invalid(where + " has the unknown field '" + f + "'");
            }
        }
        for (String f : allowed) {
            if (!o.has(f)) {
                throw TarIn.invalid(where + " lacks the field '" + f + "'");
            }
        }
    }
}
