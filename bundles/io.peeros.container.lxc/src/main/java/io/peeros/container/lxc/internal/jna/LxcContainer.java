package io.peeros.container.lxc.internal.jna;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/**
 * A counted reference to a {@code struct lxc_container}. Ownership: the handle owns exactly one reference,
 * taken by {@code lxc_container_new}; {@link #close()} gives it back with
 * {@code lxc_container_put}, once. A handle is used by one thread at a time and never shared; open one
 * per operation. Members are read through {@link LxcLayout} offsets and never written.
 */
public final class LxcContainer extends PointerType implements AutoCloseable {

    private final Liblxc lxc;

    LxcContainer(Liblxc lxc, Pointer pointer) {
        super(pointer);
        this.lxc = lxc;
    }

    public boolean isDefined() {
        return bool(fn(LxcLayout.IS_DEFINED));
    }

    public boolean isRunning() {
        return bool(fn(LxcLayout.IS_RUNNING));
    }

    /** The state name liblxc reports: STOPPED, STARTING, RUNNING, STOPPING, ABORTING, FREEZING, FROZEN... */
    public String state() {
        Pointer s = (Pointer) fn(LxcLayout.STATE).invoke(Pointer.class, new Object[] {self()});
        return s == null ? "STOPPED" : s.getString(0);
    }

    /** The host PID of the container's init, or -1 when it is not running. */
    public int initPid() {
        return fn(LxcLayout.INIT_PID).invokeInt(new Object[] {self()});
    }

    public void freeze() throws LxcException {
        check(bool(fn(LxcLayout.FREEZE)), "freeze");
    }

    public void unfreeze() throws LxcException {
        check(bool(fn(LxcLayout.UNFREEZE)), "unfreeze");
    }

    /** Asks init to halt (lxc.signal.halt) and waits up to {@code seconds}; false when it is still running. */
    public boolean shutdown(int seconds) {
        return bool(fn(LxcLayout.SHUTDOWN), seconds);
    }

    /** Kills the container through its monitor. */
    public void stop() throws LxcException {
        check(bool(fn(LxcLayout.STOP)), "stop");
    }

    /** Waits up to {@code seconds} for the container to reach {@code state}; false on timeout. */
    public boolean waitFor(String state, int seconds) {
        return bool(fn(LxcLayout.WAIT), state, seconds);
    }

    /** Removes the stopped container and its storage. */
    public void destroy() throws LxcException {
        check(bool(fn(LxcLayout.DESTROY)), "destroy");
    }

    /** A configuration value, or null when the key is unset or unknown. */
    public String configItem(String key) {
        return sizedString(fn(LxcLayout.GET_CONFIG_ITEM), key);
    }

    /** A cgroup value of the running container (e.g. {@code pids.current}), or null. */
    public String cgroupItem(String key) {
        return sizedString(fn(LxcLayout.GET_CGROUP_ITEM), key);
    }

    public void setCgroupItem(String key, String value) throws LxcException {
        check(bool(fn(LxcLayout.SET_CGROUP_ITEM), key, value), "set cgroup " + key + "=" + value);
    }

    public String name() {
        return getPointer().getPointer(LxcLayout.NAME).getString(0);
    }

    /** Gives the reference back; idempotent. */
    @Override
    public void close() {
        Pointer p = getPointer();
        if (p != null) {
            setPointer(null);
            lxc.api().lxc_container_put(p);
        }
    }

    private Pointer self() {
        Pointer self = getPointer();
        if (self == null) {
            throw new IllegalStateException("container handle used after close");
        }
        return self;
    }

    private Function fn(long offset) {
        return Function.getFunction(self().getPointer(offset));
    }

    /** C bool is one byte; reading it as int would pick up garbage from the upper bytes of the register. */
    private boolean bool(Function f, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = self();
        System.arraycopy(args, 0, all, 1, args.length);
        return (Byte) f.invoke(Byte.class, all) != 0;
    }

    private String sizedString(Function f, String key) {
        int len = f.invokeInt(new Object[] {self(), key, null, 0});
        if (len < 0) {
            return null;
        }
        Memory buf = new Memory(len + 1L);
        buf.clear();
        int got = f.invokeInt(new Object[] {self(), key, buf, len + 1});
        return got < 0 ? null : buf.getString(0);
    }

    private void check(boolean ok, String what) throws LxcException {
        if (!ok) {
            throw new LxcException("liblxc could not " + what + " " + name() + error());
        }
    }

    private String error() {
        Pointer self = getPointer();
        Pointer s = self.getPointer(LxcLayout.ERROR_STRING);
        int num = self.getInt(LxcLayout.ERROR_NUM);
        if (s == null && num == 0) {
            return "";
        }
        return ": " + (s == null ? "" : s.getString(0)) + (num == 0 ? "" : " (error " + num + ")");
    }
}
