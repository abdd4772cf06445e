package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** Control message parsing is strict and bounded: exact lengths, capped counts, nothing applied from a bad message. */
public class ControlTest {

    @Test
    public void endpointsParseExactly() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put((byte) 2);
        Control.endpoint(b, Endpoint.parse("198.18.1.2:7946"));
        Control.endpoint(b, null);
        b.put((byte) 1).putLong(42L);
        Control.endpoint(b, Endpoint.parse("198.18.2.2:7000"));
        b.flip();
        Control.Endpoints e = Control.parseEndpoints(b.duplicate());
        assertEquals(List.of(Endpoint.parse("198.18.1.2:7946")), e.candidates());
        assertArrayEquals(new long[] {42L}, e.reachable());
        assertEquals(Endpoint.parse("198.18.2.2:7000"), e.observed());
        refused(b.duplicate().limit(b.limit() - 1), true);
        ByteBuffer longer = ByteBuffer.allocate(b.limit() + 1).put(b.duplicate()).put((byte) 0).flip();
        refused(longer, true);
        ByteBuffer many = ByteBuffer.allocate(200).put((byte) 9);
        refused(many.flip().limit(200), true);
    }

    @Test
    public void introduceParsesCompletelyOrNotAtAll() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put((byte) 1).putLong(7L).put((byte) 1);
        Control.endpoint(b, Endpoint.parse("10.0.0.1:1"));
        b.flip();
        List<Control.Introduction> i = Control.parseIntroduce(b.duplicate());
        assertEquals(1, i.size());
        assertEquals(7L, i.get(0).prefix());
        assertEquals(List.of(Endpoint.parse("10.0.0.1:1")), i.get(0).addresses());
        ByteBuffer trailing = ByteBuffer.allocate(b.limit() + 1).put(b.duplicate()).put((byte) 0).flip();
        refused(trailing, false);
        ByteBuffer tooMany = ByteBuffer.allocate(16).put((byte) 17).flip();
        refused(tooMany, false);
        assertNull(Control.readEndpoint(ByteBuffer.allocate(6)));
    }

    @Test
    public void randomBodiesNeverEscapeAsAnythingButARefusal() {
        Random r = new Random(3);
        for (int n = 0; n < 200_000; n++) {
            byte[] body = new byte[r.nextInt(80)];
            r.nextBytes(body);
            for (boolean endpoints : new boolean[] {true, false}) {
                try {
                    if (endpoints) {
                        Control.parseEndpoints(ByteBuffer.wrap(body));
                    } else {
                        Control.parseIntroduce(ByteBuffer.wrap(body));
                    }
                } catch (IllegalArgumentException | java.nio.BufferUnderflowException expected) {
                    // refused
                }
            }
        }
    }

    private static void refused(ByteBuffer b, boolean endpoints) {
        try {
            if (endpoints) {
                Control.parseEndpoints(b);
            } else {
                Control.parseIntroduce(b);
            }
            fail("accepted a malformed message");
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException expected) {
            // refused
        }
    }
}
