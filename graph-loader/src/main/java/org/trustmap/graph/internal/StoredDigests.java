package org.trustmap.graph.internal;

/**
 * What the graph already holds of one node label or relationship type: each stored key with the digest {@code h} of
 * its content, as 64-bit digests in an open-addressing table (16 bytes a key, no strings kept), so that a load sends
 * only the rows that are missing or changed instead of sending every row for the database to compare. A stored item
 * without {@code h} (written by the earlier, stamping loader) counts as changed. Two keys or two contents sharing a
 * 64-bit digest (odds about n^2 / 2^65) would leave one row unwritten; the load's own digests are SHA-1 based.
 */
public final class StoredDigests {
    /** A row against what is stored. */
    public enum Status { MISSING, CHANGED, SAME }

    private static final long EMPTY = 0L;
    /** Key and value side by side ({@code 2 * slot}, {@code 2 * slot + 1}): one cache line a look-up, not two. */
    private long[] table;
    private int size;

    public StoredDigests() {
        this(512);
    }

    /** A table sized for {@code expected} keys (a digest file's section says how many), so it never grows. */
    public StoredDigests(int expected) {
        int slots = Integer.highestOneBit(Math.max(512, expected) * 2 - 1) << 1;
        table = new long[2 * slots];
    }

    public void put(String key, String h) {
        if (key != null) {
            putKeyDigest(KeyDigests.digest(key), contentDigest(h));
        }
    }

    /**
     * Adds a stored key, given by its {@link KeyDigests#digest} (worked out once by a caller that also looks it up
     * elsewhere), with the {@link #contentDigest} of its {@code h}, as kept in a {@link DigestFile}.
     */
    public void putKeyDigest(long keyDigest, long contentDigest) {
        if ((size + 1) * 4 > table.length) { // at most half the slots taken
            grow();
        }
        insert(slot(keyDigest), contentDigest);
    }

    /**
     * The 64-bit digest this table keeps of a content digest {@code h} (0, never equal, for none): the loader's
     * {@code h} is itself 64 bits of a SHA-1 in 16 lowercase hex digits, taken as they are; anything else (written by
     * some other hand) by the SHA-1 of its text.
     */
    public static long contentDigest(String h) {
        return h == null ? EMPTY : valueDigest(h);
    }

    /** {@link #contentDigest(String)} of the {@code h} whose 16 hex digits are {@code h}'s. */
    public static long contentDigest(long h) {
        return h == EMPTY ? 1 : h;
    }

    public Status status(String key, String h) {
        return status(KeyDigests.digest(key), valueDigest(h));
    }

    /** The status of a row by its key's {@link KeyDigests#digest} and its {@link #contentDigest}. */
    public Status status(long keyDigest, long contentDigest) {
        long k = slot(keyDigest);
        int mask = table.length / 2 - 1;
        for (int i = (int) mix(k) & mask; ; i = (i + 1) & mask) {
            long stored = table[2 * i];
            if (stored == EMPTY) {
                return Status.MISSING;
            }
            if (stored == k) {
                long v = table[2 * i + 1];
                return v != EMPTY && v == contentDigest ? Status.SAME : Status.CHANGED;
            }
        }
    }

    public int size() {
        return size;
    }

    private void insert(long k, long v) {
        int mask = table.length / 2 - 1;
        for (int i = (int) mix(k) & mask; ; i = (i + 1) & mask) {
            long stored = table[2 * i];
            if (stored == EMPTY) {
                table[2 * i] = k;
                table[2 * i + 1] = v;
                size++;
                return;
            }
            if (stored == k) {
                table[2 * i + 1] = v;
                return;
            }
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                insert(old[i], old[i + 1]);
            }
        }
    }

    /** A key digest as the table keeps it: 0 marks an empty slot, so a key digesting to 0 is kept as 1. */
    private static long slot(long keyDigest) {
        return keyDigest == EMPTY ? 1 : keyDigest;
    }

    private static long valueDigest(String h) {
        if (KeyDigests.isLowerHex(h, 16)) {
            return contentDigest(Long.parseUnsignedLong(h, 16));
        }
        long d = KeyDigests.digest(h);
        return d == EMPTY ? 1 : d;
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        return k ^ (k >>> 33);
    }
}
