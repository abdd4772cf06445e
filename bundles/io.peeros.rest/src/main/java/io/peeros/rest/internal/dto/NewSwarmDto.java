package io.peeros.rest.internal.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code POST /swarms}: the swarm id and the peer ids admitted are required, the environment's subnet is not.
 * A class rather than a record because {@code subnet} is optional, and the API's JSON binding refuses a
 * record whose fields are missing.
 */
public final class NewSwarmDto {

    /** 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit. */
    @JsonProperty
    private String id;

    /** The peer ids admitted; this peer's own id may be among them. */
    @JsonProperty
    private List<String> members;

    /** The environment's IPv4 subnet in CIDR form, e.g. {@code 10.200.1.0/24}; absent for a bare swarm. */
    @JsonProperty
    private String subnet;

    public NewSwarmDto() {
    }

    public NewSwarmDto(String id, List<String> members, String subnet) {
        this.id = id;
        this.members = members;
        this.subnet = subnet;
    }

    public String id() {
        return id;
    }

    public List<String> members() {
        return members;
    }

    public String subnet() {
        return subnet;
    }
}
