package io.peeros.container.lxc.internal.jna;

import java.util.Map;

/**
 * Byte offsets of the members of {@code struct lxc_container} and {@code lxc_attach_options_t} that this
 * binding uses, for liblxc 5.0 on LP64 Linux (x86_64, aarch64). We read members through these offsets
 * instead of mapping the whole struct so that nothing is ever written back into liblxc's memory.
 * {@code LxcLayoutTest} compares every entry with {@code offsetof} compiled from the installed headers.
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
    static final long CLONE = 344;
    static final long ATTACH = 368;

    // lxc_attach_options_t
    static final long OPT_ATTACH_FLAGS = 0;
    static final long OPT_NAMESPACES = 4;
    static final long OPT_PERSONALITY = 8;
    static final long OPT_INITIAL_CWD = 16;
    static final long OPT_UID = 24;
    static final long OPT_GID = 28;
    static final long OPT_ENV_POLICY = 32;
    static final long OPT_EXTRA_ENV_VARS = 40;
    static final long OPT_EXTRA_KEEP_ENV = 48;
    static final long OPT_STDIN_FD = 56;
    static final long OPT_STDOUT_FD = 60;
    static final long OPT_STDERR_FD = 64;
    static final long OPT_LOG_FD = 68;
    static final long OPT_LSM_LABEL = 72;
    static final long OPT_GROUPS = 80;
    static final long OPT_SIZE = 96;

    // lxc_attach_command_t
    static final long CMD_PROGRAM = 0;
    static final long CMD_ARGV = 8;
    static final long CMD_SIZE = 16;

    private LxcLayout() {
    }

    /** Every offset above, keyed as {@code struct.member} (or {@code sizeof.struct}) for the layout test. */
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
                Map.entry("lxc_container.set_cgroup_item", SET_CGROUP_ITEM),
                Map.entry("lxc_container.clone", CLONE),
                Map.entry("lxc_container.attach", ATTACH),
                Map.entry("lxc_attach_options_t.attach_flags", OPT_ATTACH_FLAGS),
                Map.entry("lxc_attach_options_t.namespaces", OPT_NAMESPACES),
                Map.entry("lxc_attach_options_t.personality", OPT_PERSONALITY),
                Map.entry("lxc_attach_options_t.initial_cwd", OPT_INITIAL_CWD),
                Map.entry("lxc_attach_options_t.uid", OPT_UID),
                Map.entry("lxc_attach_options_t.gid", OPT_GID),
                Map.entry("lxc_attach_options_t.env_policy", OPT_ENV_POLICY),
                Map.entry("lxc_attach_options_t.extra_env_vars", OPT_EXTRA_ENV_VARS),
                Map.entry("lxc_attach_options_t.extra_keep_env", OPT_EXTRA_KEEP_ENV),
                Map.entry("lxc_attach_options_t.stdin_fd", OPT_STDIN_FD),
                Map.entry("lxc_attach_options_t.stdout_fd", OPT_STDOUT_FD),
                Map.entry("lxc_attach_options_t.stderr_fd", OPT_STDERR_FD),
                Map.entry("lxc_attach_options_t.log_fd", OPT_LOG_FD),
                Map.entry("lxc_attach_options_t.lsm_label", OPT_LSM_LABEL),
                Map.entry("lxc_attach_options_t.groups", OPT_GROUPS),
                Map.entry("sizeof.lxc_attach_options_t", OPT_SIZE),
                Map.entry("lxc_attach_command_t.program", CMD_PROGRAM),
                Map.entry("lxc_attach_command_t.argv", CMD_ARGV),
                Map.entry("sizeof.lxc_attach_command_t", CMD_SIZE));
    }
}
