package org.trustmap.crawler.sources.gleif;

import org.trustmap.crawler.LongPairSet;

/**
 * A set of LEIs held as two longs each: an LEI is 20 characters of {@code [A-Z0-9]}, and each half of ten is a base-36
 * number below 36^10 < 2^52, so the pair is the LEI itself, not a hash of it. A {@code HashSet<String>} costs about
 * 115 bytes an LEI, this 32 at most, which matters for the million or more LEIs a full golden copy's relationship file
 * names. Only LEIs that {@link GleifValues#lei} accepted go in.
 */
final class LeiSet {
    private final LongPairSet set = new LongPairSet();

    /** Adds {@code lei}; true when it was not in the set yet. */
    boolean add(String lei) {
        if (lei.length() != 20) {
            throw new IllegalArgumentException("not an LEI: " + lei);
        }
        return set.add(half(lei, 0), half(lei, 10));
    }

    int size() {
        return set.size();
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
}
