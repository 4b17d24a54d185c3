package org.torchat.protocol.onion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A v3 onion address: base32(pubkey || checksum[0..2] || 0x03) with
 * checksum = SHA3-256(".onion checksum" || pubkey || 0x03), as in Tor's rend-spec-v3.
 * Always held in canonical form: lowercase, with the {@code .onion} suffix.
 */
public final class OnionAddress {
    public static final int SERVICE_ID_LENGTH = 56;
    private static final int V2_SERVICE_ID_LENGTH = 16;
    private static final byte VERSION = 3;
    private static final String SUFFIX = ".onion";
    private static final byte[] CHECKSUM_LABEL = ".onion checksum".getBytes(StandardCharsets.US_ASCII);

    private final String serviceId;

    private OnionAddress(String serviceId) {
        this.serviceId = serviceId;
    }

    /** Parses an address with or without the {@code .onion} suffix, in any letter case. */
    public static OnionAddress parse(String text) throws InvalidOnionAddressException {
        if (text == null || text.isEmpty()) {
            throw new InvalidOnionAddressException("an onion address is required");
        }
        String id = text.trim().toLowerCase(Locale.ROOT);
        if (id.endsWith(SUFFIX)) {
            id = id.substring(0, id.length() - SUFFIX.length());
        }
        if (id.length() == V2_SERVICE_ID_LENGTH) {
            throw new InvalidOnionAddressException("'" + text + "' is a v2 onion address; v2 onion services are no "
                    + "longer supported by Tor: ask for the contact's v3 address (56 characters)");
        }
        if (id.length() != SERVICE_ID_LENGTH) {
            throw new InvalidOnionAddressException(
                    "'" + abbreviate(text) + "' is not an onion address: a v3 address has " + SERVICE_ID_LENGTH
                            + " base32 characters before .onion, this has " + id.length());
        }
        byte[] raw = Base32.decode(id);
        if (raw == null) {
            throw new InvalidOnionAddressException(
                    "'" + text + "' is not an onion address: only a-z and 2-7 are allowed");
        }
        if (raw[34] != VERSION) {
            throw new InvalidOnionAddressException(
                    "'" + text + "' has onion version " + raw[34] + "; only version 3 exists");
        }
        byte[] publicKey = Arrays.copyOfRange(raw, 0, 32);
        byte[] checksum = checksum(publicKey);
        if (raw[32] != checksum[0] || raw[33] != checksum[1]) {
            throw new InvalidOnionAddressException(
                    "'" + text + "' is not a valid onion address: its checksum is wrong " + "(a typing error?)");
        }
        return new OnionAddress(id);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidOnionAddressException e) {
            return false;
        }
    }

    /** The address of the onion service whose Ed25519 public key is {@code publicKey} (32 bytes). */
    public static OnionAddress fromPublicKey(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + publicKey.length);
        }
        byte[] checksum = checksum(publicKey);
        byte[] raw = new byte[35];
        System.arraycopy(publicKey, 0, raw, 0, 32);
        raw[32] = checksum[0];
        raw[33] = checksum[1];
        raw[34] = VERSION;
        return new OnionAddress(Base32.encode(raw));
    }

    /** The service's Ed25519 public key (32 bytes): a v3 address is the key. */
    public byte[] publicKey() {
        return Arrays.copyOfRange(Base32.decode(serviceId), 0, 32);
    }

    /** The 56 characters before {@code .onion}, as tor's ADD_ONION returns them. */
    public String serviceId() {
        return serviceId;
    }

    /** The canonical hostname, {@code <serviceId>.onion}. */
    public String hostname() {
        return serviceId + SUFFIX;
    }

    @Override
    public String toString() {
        return hostname();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnionAddress other && other.serviceId.equals(serviceId);
    }

    @Override
    public int hashCode() {
        return serviceId.hashCode();
    }

    private static byte[] checksum(byte[] publicKey) {
        try {
            MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
            sha3.update(CHECKSUM_LABEL);
            sha3.update(publicKey);
            sha3.update(VERSION);
            return sha3.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA3-256 is part of every Java 17 runtime", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
