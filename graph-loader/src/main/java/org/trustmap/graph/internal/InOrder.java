package org.trustmap.graph.internal;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Makes what each of {@code n} positions gives on every core, {@code block} positions at a time, and hands it over on
 * the calling thread in the positions' order: the same items in the same order as one loop, with at most one block's
 * results held at once. Resolve makes its facts this way, the bulk importer its CSV lines.
 */
public final class InOrder {
    private InOrder() {
    }

    public static <T> void each(int n, int block, IntFunction<List<? extends T>> make, Consumer<? super T> out) {
        if (block < 1) {
            throw new IllegalArgumentException("block must be at least 1");
        }
        for (int from = 0; from < n; from += block) {
            int start = from;
            @SuppressWarnings("unchecked")
            List<? extends T>[] made = new List[Math.min(n, from + block) - from];
            IntStream.range(0, made.length).parallel().forEach(k -> made[k] = make.apply(start + k));
            for (List<? extends T> m : made) {
                m.forEach(out);
            }
        }
    }
}
