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
    private long[] keys;
    private long[] values;
    private int size;

    public StoredDigests() {
        keys = new long[1024];
        values = new long[1024];
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
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(slot(keyDigest), contentDigest);
    }

    /** The 64-bit digest this table keeps of a content digest {@code h} (0, never equal, for none). */
    public static long contentDigest(String h) {
        return h == null ? EMPTY : valueDigest(h);
    }

    public Status status(String key, String h) {
        long k = slotDigest(key);
        int mask = keys.length - 1;
        for (int i = (int) mix(k) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == EMPTY) {
                return Status.MISSING;
            }
            if (keys[i] == k) {
                return values[i] != EMPTY && values[i] == valueDigest(h) ? Status.SAME : Status.CHANGED;
            }
        }
    }

    public int size() {
        return size;
    }

    private void insert(long k, long v) {
        int mask = keys.length - 1;
        for (int i = (int) mix(k) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == EMPTY) {
                keys[i] = k;
                values[i] = v;
                size++;
                return;
            }
            if (keys[i] == k) {
                values[i] = v;
                return;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static long slotDigest(String key) {
        return slot(KeyDigests.digest(key));
    }

    /** A key digest as the table keeps it: 0 marks an empty slot, so a key digesting to 0 is kept as 1. */
    private static long slot(long keyDigest) {
        return keyDigest == EMPTY ? 1 : keyDigest;
    }

    private static long valueDigest(String h) {
        long d = KeyDigests.digest(h);
        return d == EMPTY ? 1 : d;
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        return k ^ (k >>> 33);
    }
}
