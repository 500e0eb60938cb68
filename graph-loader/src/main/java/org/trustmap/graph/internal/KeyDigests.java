package org.trustmap.graph.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The keys one load states, kept as 64-bit digests in a sorted array (8 bytes a key instead of a 40-character
 * string), so that retiring what is no longer stated compares key sets without holding millions of strings. Two keys
 * sharing a digest (odds about n^2 / 2^65, ~1e-5 for 20 M keys) would keep a retired fact alive, never delete a
 * stated one.
 */
public final class KeyDigests {
    private final long[] digests;
    private boolean sorted;

    private KeyDigests(long[] digests) {
        this.digests = digests;
    }

    /** The keys given by their {@link #digest}s (the array is taken, and sorted on the first look-up). */
    public static KeyDigests of(long[] digests) {
        return new KeyDigests(digests);
    }

    /** Whether a key of this {@link #digest} is among them (a digest worked out once for several look-ups). */
    public boolean containsDigest(long keyDigest) {
        if (!sorted) {
            Arrays.sort(digests);
            sorted = true;
        }
        return Arrays.binarySearch(digests, keyDigest) >= 0;
    }

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * A key's 64-bit digest: of a key that is itself a SHA-1 in 40 lowercase hex digits (the keys of facts), its first
     * 64 bits as they are; of any other key (an organization's or product's id, a code), the first 64 bits of the
     * SHA-1 of its UTF-8 bytes. Either way as good as 64 bits of a SHA-1, and a fact's key costs no hashing.
     */
    public static long digest(String key) {
        if (isHexKey(key)) {
            long v = 0;
            for (int i = 0; i < 16; i++) {
                v = (v << 4) | hexValue(key.charAt(i));
            }
            return v;
        }
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        return sha1Prefix(utf8, 0, utf8.length);
    }

    /** {@link #digest(String)} of the key whose UTF-8 bytes are {@code utf8[from..to)}. */
    public static long digest(byte[] utf8, int from, int to) {
        if (to - from == HEX_KEY) {
            boolean hex = true;
            for (int i = from; i < to && hex; i++) {
                hex = hexValue(utf8[i]) >= 0;
            }
            if (hex) {
                long v = 0;
                for (int i = from; i < from + 16; i++) {
                    v = (v << 4) | hexValue(utf8[i]);
                }
                return v;
            }
        }
        return sha1Prefix(utf8, from, to - from);
    }

    /** {@link #digest(String)} of a key that is the lowercase hex of these 20 SHA-1 bytes: its first 8 bytes. */
    public static long digestOfSha1(byte[] sha1, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (sha1[i] & 0xff);
        }
        return v;
    }

    private static final int HEX_KEY = 40;

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static boolean isHexKey(String key) {
        return isLowerHex(key, HEX_KEY);
    }

    /** True when {@code text} is {@code length} lowercase hex digits (the loader's keys and digests). */
    public static boolean isLowerHex(String text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (hexValue(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static long sha1Prefix(byte[] bytes, int from, int length) {
        MessageDigest md = SHA1.get();
        md.reset();
        md.update(bytes, from, length);
        byte[] d = md.digest();
        return digestOfSha1(d, 0);
    }
}
