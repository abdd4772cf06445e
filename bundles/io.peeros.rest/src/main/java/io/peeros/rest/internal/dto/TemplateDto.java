package io.peeros.rest.internal.dto;

/**
 * A stored template; see {@link io.peeros.container.api.TemplateInfo}.
 *
 * @param id {@code name:version}, what containers record and {@code POST /containers} accepts
 * @param parent the parent as {@code name:version}, or {@code null}
 * @param created ISO-8601 instant the archive was built
 * @param publisher the peer id of the signer
 */
public record TemplateDto(String id, String name, String version, String parent, String architecture,
        String created, long rootfsSize, long rootfsCompressedSize, String rootfsSha256, String configSha256,
        String publisher) {
}
