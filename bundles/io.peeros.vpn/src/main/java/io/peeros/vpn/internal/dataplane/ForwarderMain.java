package io.peeros.vpn.internal.dataplane;

/**
 * Stand-alone entry for the benchmark and the namespace test: {@code java -cp ... ForwarderMain tap=pv0
 * local=IP:PORT peer=IP:PORT io=plain|mmsg|vnet|vnet_gso cipher=gcm|chacha|none id=1 peer-id=2 [stats=S]}.
 * Prints {@code READY <tap>} once the device exists; runs until killed. Not part of the bundle's services.
 */
public final class ForwarderMain {
    private ForwarderMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.parse(args);
        Forwarder f = Forwarder.start(s);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("final " + f.stats())));
        System.out.println("READY " + f.tapName() + " " + s);
        System.out.flush();
        while (true) {
            Thread.sleep(s.statsSeconds() > 0 ? s.statsSeconds() * 1000L : 3_600_000L);
            if (s.statsSeconds() > 0) {
                System.out.println(f.stats());
            }
        }
    }
}
