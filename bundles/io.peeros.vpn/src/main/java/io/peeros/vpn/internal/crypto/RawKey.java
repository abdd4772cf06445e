package io.peeros.vpn.internal.crypto;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A symmetric key whose bytes can be zeroed. {@code SecretKeySpec} cannot be destroyed, so old session keys
 * would linger until the collector runs; this one is wiped the moment its session is retired.
 */
final class RawKey implements SecretKey {

    private static final long serialVersionUID = 1L;

    private final byte[] key;
    private final String algorithm;
    private volatile boolean destroyed;

    RawKey(byte[] key, String algorithm) {
        this.key = key.clone();
        this.algorithm = algorithm;
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("key destroyed");
        }
        return key.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }
}
