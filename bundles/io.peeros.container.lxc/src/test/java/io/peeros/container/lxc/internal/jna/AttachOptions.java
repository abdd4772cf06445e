package io.peeros.container.lxc.internal.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.util.List;

/**
 * An {@code lxc_attach_options_t} and {@code lxc_attach_command_t} built in memory we own, for one attach.
 * The defaults are those of {@code LXC_ATTACH_OPTIONS_DEFAULT} except the environment, which is cleared so
 * that nothing of the peer's environment leaks into the container.
 */
final class AttachOptions {

    private static final int ATTACH_DEFAULT = 0x0000FFFF;
    private static final int CLEAR_ENV = 1;
    private static final int EBADF = 9;

    private final Memory options = new Memory(LxcLayout.OPT_SIZE);
    private final Memory command = new Memory(LxcLayout.CMD_SIZE);
    // Referenced so the native strings stay alive until attach has forked.
    private final StringArray argv;
    private final StringArray env;
    private final Memory cwd;

    AttachOptions(List<String> command, List<String> env, String cwd, int uid, int gid, int stdin, int stdout,
            int stderr) {
        this.argv = new StringArray(command.toArray(new String[0]), "UTF-8");
        this.env = new StringArray(env.toArray(new String[0]), "UTF-8");
        this.cwd = cwd == null ? null : nativeString(cwd);
        options.clear();
        options.setInt(LxcLayout.OPT_ATTACH_FLAGS, ATTACH_DEFAULT);
        options.setInt(LxcLayout.OPT_NAMESPACES, -1);
        options.setLong(LxcLayout.OPT_PERSONALITY, -1L);
        options.setPointer(LxcLayout.OPT_INITIAL_CWD, this.cwd);
        options.setInt(LxcLayout.OPT_UID, uid);
        options.setInt(LxcLayout.OPT_GID, gid);
        options.setInt(LxcLayout.OPT_ENV_POLICY, CLEAR_ENV);
        options.setPointer(LxcLayout.OPT_EXTRA_ENV_VARS, this.env);
        options.setInt(LxcLayout.OPT_STDIN_FD, stdin);
        options.setInt(LxcLayout.OPT_STDOUT_FD, stdout);
        options.setInt(LxcLayout.OPT_STDERR_FD, stderr);
        options.setInt(LxcLayout.OPT_LOG_FD, -EBADF);
        this.command.setPointer(LxcLayout.CMD_PROGRAM, argv.getPointer(0));
        this.command.setPointer(LxcLayout.CMD_ARGV, argv);
    }

    Pointer options() {
        return options;
    }

    Pointer command() {
        return command;
    }

    private static Memory nativeString(String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }
}
