package org.trustmap.crawler;

/**
 * A set of pairs of longs in one open-addressing table (linear probing, at most half full): 16 to 32 bytes an entry
 * where a {@code HashSet} of small objects costs a hundred or more. For keys that fit in 128 bits (an LEI, a hash).
 */
public final class LongPairSet {
    private long[] slots = new long[2 * 1024];
    private boolean[] used = new boolean[1024];
    private int size;

    /** Adds the pair; true when it was not in the set yet. */
    public boolean add(long hi, long lo) {
        if (2 * (size + 1) > used.length) {
            grow();
        }
        int i = find(hi, lo);
        if (used[i]) {
            return false;
        }
        used[i] = true;
        slots[2 * i] = hi;
        slots[2 * i + 1] = lo;
        size++;
        return true;
    }

    public boolean contains(long hi, long lo) {
        return used[find(hi, lo)];
    }

    public int size() {
        return size;
    }

    /** The slot holding the pair, or the empty slot where it would go. */
    private int find(long hi, long lo) {
        int mask = used.length - 1;
        int i = mix(hi, lo) & mask;
        while (used[i] && (slots[2 * i] != hi || slots[2 * i + 1] != lo)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldSlots = slots;
        boolean[] oldUsed = used;
        slots = new long[oldSlots.length * 2];
        used = new boolean[oldUsed.length * 2];
        for (int j = 0; j < oldUsed.length; j++) {
            if (oldUsed[j]) {
                int i = find(oldSlots[2 * j], oldSlots[2 * j + 1]);
                used[i] = true;
                slots[2 * i] = oldSlots[2 * j];
                slots[2 * i + 1] = oldSlots[2 * j + 1];
            }
        }
    }

    private static int mix(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }
}
