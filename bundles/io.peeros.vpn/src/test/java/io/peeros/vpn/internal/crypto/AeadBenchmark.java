package io.peeros.vpn.internal.crypto;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * A small microbenchmark, not a test: the transport encrypt and decrypt paths for 1400-byte and 64 KiB
 * packets, per suite, single-threaded, with the reusable ciphers the data path uses. Prints MB/s of
 * plaintext. Run: {@code java -cp <test classpath> io.peeros.vpn.internal.crypto.AeadBenchmark [seconds]}.
 */
public final class AeadBenchmark {

    private AeadBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        System.out.printf("%s %s, %d CPUs%n", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        for (int round = 0; round < 2; round++) {
            for (CipherSuite suite : CipherSuite.values()) {
                for (int size : new int[] {1400, 65_536}) {
                    double[] mbs = run(suite, size, round == 0 ? 1 : seconds);
                    if (round == 1) {
                        System.out.printf("%-18s %6d B  seal %7.0f MB/s  open %7.0f MB/s  heap %4.0f B/round trip%n",
                                suite, size, mbs[0], mbs[1], mbs[2]);
                    }
                }
            }
        }
    }

    private static double[] run(CipherSuite suite, int size, double seconds) {
        byte[] k1 = new byte[32];
        byte[] k2 = new byte[32];
        new SecureRandom().nextBytes(k1);
        CryptoConfig config = CryptoConfig.defaults(suite);
        TransportKeys sender = new TransportKeys(null, config, 1, 2, true, k1.clone(), k2.clone(), 0);
        TransportKeys receiver = new TransportKeys(null, config, 2, 1, false, k2.clone(), k1.clone(), 0);
        ByteBuffer plaintext = ByteBuffer.allocate(size);
        ByteBuffer packet = ByteBuffer.allocate(size + WireFormat.DATA_OVERHEAD);
        ByteBuffer opened = ByteBuffer.allocate(size);
        long sealNanos = 0;
        long openNanos = 0;
        long bytes = 0;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long trips = 0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 64; i++) {
                plaintext.clear();
                packet.clear();
                long t0 = System.nanoTime();
                sender.seal(plaintext, packet, 1);
                long t1 = System.nanoTime();
                packet.flip();
                opened.clear();
                if (receiver.open(packet, opened, 1) != size) {
                    throw new IllegalStateException("round trip failed");
                }
                long t2 = System.nanoTime();
                sealNanos += t1 - t0;
                openNanos += t2 - t1;
                bytes += size;
                trips++;
            }
        }
        double perTrip = (threads.getCurrentThreadAllocatedBytes() - allocated) / (double) trips;
        return new double[] {bytes / (sealNanos / 1e9) / 1e6, bytes / (openNanos / 1e9) / 1e6, perTrip};
    }
}
