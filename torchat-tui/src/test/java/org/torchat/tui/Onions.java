package org.torchat.tui;

import org.torchat.protocol.onion.OnionAddress;

/** Valid v3 onion addresses for tests, one per seed byte. */
public final class Onions {
    private Onions() {}

    public static String onion(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return OnionAddress.fromPublicKey(key).hostname();
    }
}
