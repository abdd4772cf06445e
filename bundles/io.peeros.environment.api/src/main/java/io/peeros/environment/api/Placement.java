package io.peeros.environment.api;

/**
 * Where a group's containers may be placed. Every constraint is optional; with none, the planner chooses.
 *
 * @param peer the peer to use: a peer id, a unique id prefix of at least 8 characters, or a peer name;
 *        {@code null} lets the planner choose
 * @param minFreeRamBytes only peers with at least this much free RAM, or {@code null}
 * @param minFreeDiskBytes only peers with at least this much free disk, or {@code null}
 * @param strategy how the group's containers are spread over the chosen peers
 * @param together a label: groups with the same label are placed on one peer (Subutai's
 *        {@code peer-criteria}); {@code null} when not given
 */
public record Placement(String peer, Long minFreeRamBytes, Long minFreeDiskBytes, Strategy strategy,
        String together) {

    /** No constraint: the planner chooses, spreading. */
    public static final Placement ANY = new Placement(null, null, null, Strategy.SPREAD, null);

    /** How containers of one group are distributed. */
    public enum Strategy {
        /** Over as many eligible peers as possible (the default): one peer lost loses few containers. */
        SPREAD,
        /** On as few peers as possible: least traffic between peers. */
        PACK
    }

    public Placement {
        strategy = strategy == null ? Strategy.SPREAD : strategy;
    }
}
