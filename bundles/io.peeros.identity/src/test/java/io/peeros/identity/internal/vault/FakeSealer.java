package io.peeros.identity.internal.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Seals by XOR with a per-"machine" key; a sealer with another key plays another machine. */
final class FakeSealer implements Sealer {

    private final byte machine;
    int unsealCalls;

    FakeSealer(int machine) {
        this.machine = (byte) machine;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public byte[] seal(byte[] secret) {
        return xor(secret);
    }

    @Override
    public byte[] unseal(Path sealed) throws IOException {
        unsealCalls++;
        return xor(Files.readAllBytes(sealed));
    }

    private byte[] xor(byte[] data) {
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= machine;
        }
        return out;
    }
}
