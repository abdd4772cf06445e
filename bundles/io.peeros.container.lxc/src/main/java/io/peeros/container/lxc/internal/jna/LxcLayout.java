package io.peeros.container.lxc.internal.jna;

import java.util.Map;

/**
 * Byte offsets of the members of {@code struct lxc_container} that this binding uses, for liblxc 5.0 on
 * LP64 Linux (x86_64, aarch64). Members are read through these offsets instead of a mapped Structure, so
 * nothing is ever written back into liblxc's memory. {@code LxcLayoutTest} compares every entry with
 * {@code offsetof} compiled from the installed headers.
 */
final class LxcLayout {

    // struct lxc_container
    static final long NAME = 0;
    static final long ERROR_STRING = 56;
    static final long ERROR_NUM = 64;
    static final long IS_DEFINED = 80;
    static final long STATE = 88;
    static final long IS_RUNNING = 96;
    static final long FREEZE = 104;
    static final long UNFREEZE = 112;
    static final long INIT_PID = 120;
    static final long STOP = 152;
    static final long WAIT = 184;
    static final long DESTROY = 200;
    static final long SHUTDOWN = 248;
    static final long GET_CONFIG_ITEM = 272;
    static final long GET_CGROUP_ITEM = 312;
    static final long SET_CGROUP_ITEM = 320;

    private LxcLayout() {
    }

    /** Every offset above, keyed as {@code struct.member} for the layout test. */
    static Map<String, Long> all() {
        return Map.ofEntries(
                Map.entry("lxc_container.name", NAME),
                Map.entry("lxc_container.error_string", ERROR_STRING),
                Map.entry("lxc_container.error_num", ERROR_NUM),
                Map.entry("lxc_container.is_defined", IS_DEFINED),
                Map.entry("lxc_container.state", STATE),
                Map.entry("lxc_container.is_running", IS_RUNNING),
                Map.entry("lxc_container.freeze", FREEZE),
                Map.entry("lxc_container.unfreeze", UNFREEZE),
                Map.entry("lxc_container.init_pid", INIT_PID),
                Map.entry("lxc_container.stop", STOP),
                Map.entry("lxc_container.wait", WAIT),
                Map.entry("lxc_container.destroy", DESTROY),
                Map.entry("lxc_container.shutdown", SHUTDOWN),
                Map.entry("lxc_container.get_config_item", GET_CONFIG_ITEM),
                Map.entry("lxc_container.get_cgroup_item", GET_CGROUP_ITEM),
                Map.entry("lxc_container.set_cgroup_item", SET_CGROUP_ITEM));
    }
}
