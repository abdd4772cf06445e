package io.peeros.container.lxc.internal.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * liblxc, loaded once per activation. {@link #load()} refuses anything but liblxc 5.x on a 64-bit Linux:
 * the struct offsets in {@link LxcLayout} are only known to hold there.
 */
public final class Liblxc {

    /** The library symbols this binding calls directly; everything else goes through struct members. */
    interface Api extends Library {
        Pointer lxc_container_new(String name, String configPath);

        int lxc_container_get(Pointer container);

        int lxc_container_put(Pointer container);

        String lxc_get_version();

        byte lxc_config_item_is_supported(String key);
    }

    private static final String[] NAMES = {"liblxc.so.1", "lxc"};

    private final Api api;
    private final String version;

    private Liblxc(Api api) {
        this.api = api;
        this.version = api.lxc_get_version();
    }

    /** Loads liblxc and checks its version and the platform. */
    public static Liblxc load() throws LxcException {
        if (Native.POINTER_SIZE != 8 || !"Linux".equals(System.getProperty("os.name"))) {
            throw new LxcException("liblxc binding needs 64-bit Linux, this is " + System.getProperty("os.name")
                    + " with " + Native.POINTER_SIZE * 8 + "-bit pointers");
        }
        UnsatisfiedLinkError last = null;
        for (String name : NAMES) {
            try {
                Liblxc lxc = new Liblxc(Native.load(name, Api.class));
                checkVersion(lxc.version);
                return lxc;
            } catch (UnsatisfiedLinkError e) {
                last = e;
            }
        }
        throw new LxcException("liblxc not found (install the liblxc1 package): " + last.getMessage());
    }

    /** Accepts 5.x only: the layout of {@code struct lxc_container} is checked for that series. */
    static void checkVersion(String version) throws LxcException {
        if (version == null || !version.matches("5\\.\\d+(\\.\\d+)?([~+.-].*)?")) {
            throw new LxcException("unsupported liblxc version " + version + ": PeerOS needs liblxc 5.x");
        }
    }

    /** The version liblxc reports, e.g. {@code 5.0.2}. */
    public String version() {
        return version;
    }

    /**
     * Opens a handle on container {@code name} under {@code lxcPath}; the container need not exist. The
     * caller owns the handle and must {@link LxcContainer#close() close} it.
     */
    public LxcContainer open(String name, String lxcPath) throws LxcException {
        Pointer p = api.lxc_container_new(name, lxcPath);
        if (p == null) {
            throw new LxcException("liblxc could not allocate container " + name + " in " + lxcPath);
        }
        return new LxcContainer(this, p);
    }

    /**
     * Whether this liblxc knows the configuration key. liblxc matches exact keys and, for indexed or free
     * families ({@code lxc.net.0.type}, {@code lxc.cgroup2.memory.max}), the family prefix.
     */
    public boolean isConfigKeySupported(String key) {
        for (String k = key; k.indexOf('.') > 0; k = k.substring(0, k.lastIndexOf('.'))) {
            if (api.lxc_config_item_is_supported(k) != 0) {
                return true;
            }
        }
        return false;
    }

    Api api() {
        return api;
    }
}
