import io.peeros.vpn.internal.dataplane.PacketAead;
import java.nio.ByteBuffer;

/**
 * Per-packet cost of the placeholder AEAD alone (seal + open of one 1440-byte datagram payload with reused
 * Cipher instances, direct buffers as in the forwarder). Run: java -cp CLASSES bench/vpn/AeadCost.java
 */
public class AeadCost {
    public static void main(String[] a) throws Exception {
        byte[] key = new byte[32];
        for (PacketAead.Kind k : PacketAead.Kind.values()) for (boolean direct : new boolean[] {true, false}) {
            PacketAead s = new PacketAead(k, key, 1);
            PacketAead o = new PacketAead(k, key, 1);
            ByteBuffer plain = direct ? ByteBuffer.allocateDirect(1440) : ByteBuffer.allocate(1440);
            ByteBuffer ct = direct ? ByteBuffer.allocateDirect(2048) : ByteBuffer.allocate(2048);
            ByteBuffer back = direct ? ByteBuffer.allocateDirect(2048) : ByteBuffer.allocate(2048);
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 8; round++) {
                int n = 200_000;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long c = (long) round * n + i;
                    plain.clear();
                    ct.clear();
                    s.seal(c, plain, ct);
                    ct.flip();
                    back.clear();
                    if (o.open(c, ct, back) != 1440) throw new AssertionError();
                }
                best = Math.min(best, (System.nanoTime() - t0) / n);
            }
            System.out.printf("%-6s %-6s seal+open 1440 B: %d ns/packet (%.2f CPU-s/GB)%n", k, direct ? "direct" : "heap", best, best / 1440.0);
        }
    }
}
