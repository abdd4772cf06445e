package io.peeros.container.lxc.internal.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Test-only: an {@code lxc_attach_options_t} and {@code lxc_attach_command_t} in memory we own, to measure
 * liblxc's in-process attach against {@code lxc-attach} (see {@link ForkCostComparisonTest}). Production
 * code does not attach through liblxc. Defaults are {@code LXC_ATTACH_OPTIONS_DEFAULT} with a cleared
 * environment.
 */
final class AttachOptions {

    // struct lxc_container members that fork the caller (not used by production code)
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
    static final long OPT_STDIN_FD = 56;
    static final long OPT_STDOUT_FD = 60;
    static final long OPT_STDERR_FD = 64;
    static final long OPT_LOG_FD = 68;
    static final long OPT_SIZE = 96;
    // lxc_attach_command_t
    static final long CMD_PROGRAM = 0;
    static final long CMD_ARGV = 8;
    static final long CMD_SIZE = 16;

    private static final int ATTACH_DEFAULT = 0x0000FFFF;
    private static final int CLEAR_ENV = 1;
    private static final int EBADF = 9;

    private final Memory options = new Memory(OPT_SIZE);
    private final Memory command = new Memory(CMD_SIZE);
    private final StringArray argv;
    private final StringArray env;
    private final Memory cwd;

    AttachOptions(List<String> command, List<String> env, String cwd, int uid, int gid, int stdin, int stdout,
            int stderr) {
        this.argv = new StringArray(command.toArray(new String[0]), "UTF-8");
        this.env = new StringArray(env.toArray(new String[0]), "UTF-8");
        this.cwd = cwd == null ? null : nativeString(cwd);
        options.clear();
        options.setInt(OPT_ATTACH_FLAGS, ATTACH_DEFAULT);
        options.setInt(OPT_NAMESPACES, -1);
        options.setLong(OPT_PERSONALITY, -1L);
        options.setPointer(OPT_INITIAL_CWD, this.cwd);
        options.setInt(OPT_UID, uid);
        options.setInt(OPT_GID, gid);
        options.setInt(OPT_ENV_POLICY, CLEAR_ENV);
        options.setPointer(OPT_EXTRA_ENV_VARS, this.env);
        options.setInt(OPT_STDIN_FD, stdin);
        options.setInt(OPT_STDOUT_FD, stdout);
        options.setInt(OPT_STDERR_FD, stderr);
        options.setInt(OPT_LOG_FD, -EBADF);
        this.command.setPointer(CMD_PROGRAM, argv.getPointer(0));
        this.command.setPointer(CMD_ARGV, argv);
    }

    Pointer options() {
        return options;
    }

    Pointer command() {
        return command;
    }

    /** The offsets above, keyed like {@link LxcLayout#all()}, for {@link LxcLayoutTest}. */
    static Map<String, Long> layout() {
        return Map.ofEntries(Map.entry("lxc_container.clone", CLONE), Map.entry("lxc_container.attach", ATTACH),
                Map.entry("lxc_attach_options_t.attach_flags", OPT_ATTACH_FLAGS),
                Map.entry("lxc_attach_options_t.namespaces", OPT_NAMESPACES),
                Map.entry("lxc_attach_options_t.personality", OPT_PERSONALITY),
                Map.entry("lxc_attach_options_t.initial_cwd", OPT_INITIAL_CWD),
                Map.entry("lxc_attach_options_t.uid", OPT_UID), Map.entry("lxc_attach_options_t.gid", OPT_GID),
                Map.entry("lxc_attach_options_t.env_policy", OPT_ENV_POLICY),
                Map.entry("lxc_attach_options_t.extra_env_vars", OPT_EXTRA_ENV_VARS),
                Map.entry("lxc_attach_options_t.stdin_fd", OPT_STDIN_FD),
                Map.entry("lxc_attach_options_t.stdout_fd", OPT_STDOUT_FD),
                Map.entry("lxc_attach_options_t.stderr_fd", OPT_STDERR_FD),
                Map.entry("lxc_attach_options_t.log_fd", OPT_LOG_FD),
                Map.entry("sizeof.lxc_attach_options_t", OPT_SIZE),
                Map.entry("lxc_attach_command_t.program", CMD_PROGRAM),
                Map.entry("lxc_attach_command_t.argv", CMD_ARGV),
                Map.entry("sizeof.lxc_attach_command_t", CMD_SIZE));
    }

    private static Memory nativeString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }
}
