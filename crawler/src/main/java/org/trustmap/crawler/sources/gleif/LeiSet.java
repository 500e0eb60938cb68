package org.trustmap.crawler.sources.gleif;

/**
 * A set of LEIs held as two longs each (an LEI is 20 characters of {@code [A-Z0-9]}: each half of ten is a base-36
 * number below 36^10 < 2^52), in an open-addressing table. A {@code HashSet<String>} costs about 115 bytes an LEI; this
 * costs 32 at most (16 at half load), which matters for the ~1 M LEIs that the full golden copy's relationship file
 * names. Only LEIs that {@link GleifValues#lei} accepted go in.
 */
final class LeiSet {
    /** Set on the high half of a used slot: no encoded half reaches bit 62. */
    private static final long USED = 1L << 62;

    private long[] slots = new long[2 * 1024];
    private int size;

    /** Adds {@code lei}; true when it was not in the set yet. */
    boolean add(String lei) {
        if (lei.length() != 20) {
            throw new IllegalArgumentException("not an LEI: " + lei);
        }
        long hi = half(lei, 0) | USED;
        long lo = half(lei, 10);
        if (2 * (size + 1) > slots.length / 2) {
            grow();
        }
        if (!insert(slots, hi, lo)) {
            return false;
        }
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private static long half(String lei, int from) {
        long v = 0;
        for (int i = from; i < from + 10; i++) {
            int d = Character.digit(lei.charAt(i), 36);
            if (d < 0) {
                throw new IllegalArgumentException("not an LEI: " + lei);
            }
            v = v * 36 + d;
        }
        return v;
    }

    /** Puts the pair into {@code table} unless it is there; false when it was. */
    private static boolean insert(long[] table, long hi, long lo) {
        int mask = table.length / 2 - 1;
        int i = mix(hi, lo) & mask;
        while (true) {
            long h = table[2 * i];
            if (h == 0) {
                table[2 * i] = hi;
                table[2 * i + 1] = lo;
                return true;
            }
            if (h == hi && table[2 * i + 1] == lo) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != 0) {
                insert(bigger, slots[i], slots[i + 1]);
            }
        }
        slots = bigger;
    }

    private static int mix(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }
}
