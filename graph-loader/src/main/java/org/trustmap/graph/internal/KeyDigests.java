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
    private long[] digests = new long[1024];
    private int size;
    private boolean sorted = true;

    public void add(String key) {
        if (size == digests.length) {
            digests = Arrays.copyOf(digests, size * 2);
        }
        digests[size++] = digest(key);
        sorted = false;
    }

    public boolean contains(String key) {
        return containsDigest(digest(key));
    }

    /** Whether a key of this {@link #digest} was added (a digest worked out once for several look-ups). */
    public boolean containsDigest(long keyDigest) {
        if (!sorted) {
            Arrays.sort(digests, 0, size);
            sorted = true;
        }
        return Arrays.binarySearch(digests, 0, size, keyDigest) >= 0;
    }

    public int size() {
        return size;
    }

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** The first 64 bits of the SHA-1 of a key's UTF-8 bytes. */
    public static long digest(String key) {
        MessageDigest md = SHA1.get();
        md.reset();
        byte[] d = md.digest(key.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return v;
    }
}
