package org.trustmap.graph;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * One label's or relationship type's rows of a load, kept compact: the resolved items they are made of, the digest
 * {@code h} of each row as a {@code long} and, for rows keyed by a SHA-1 {@code key}, that key as 20 bytes. A row's
 * map is built only when it is asked for ({@link #get}: a batch being written, a CSV line being printed) and dropped
 * after, so a load holds about 32 bytes a row besides the resolved graph instead of a map of maps a row (at 200k
 * entities the prepared rows' maps, 14.6 M map entries and their strings, were most of the load's ~1.9 GB live heap).
 * The maps are the ones the loader always wrote: same keys, same values, same {@code h}.
 */
public final class RowList extends AbstractList<Map<String, Object>> implements RandomAccess {
    private static final HexFormat HEX = HexFormat.of();
    private static final int SHA1_BYTES = 20;

    private final List<?> items;
    private final Function<Object, Map<String, Object>> row;
    /** The item of each row (rows deduplicated by key: the first item of a key). */
    private final int[] order;
    private final long[] h;
    /** SHA-1 keys, 20 bytes a row; null when the key is the item's own ({@link #keyOf}). */
    private final byte[] keys;
    private final Function<Object, String> keyOf;

    private RowList(List<?> items, Function<Object, Map<String, Object>> row, int[] order, long[] h, byte[] keys,
                    Function<Object, String> keyOf) {
        this.items = items;
        this.row = row;
        this.order = order;
        this.h = h;
        this.keys = keys;
        this.keyOf = keyOf;
    }

    /** No rows. */
    public static RowList empty() {
        return new RowList(List.of(), x -> Map.of(), new int[0], new long[0], null, x -> null);
    }

    /**
     * Rows of items keyed by one of their own values ({@code keyOf}: an organization's or product's id, a
     * jurisdiction's code), one row an item, in the items' order.
     */
    @SuppressWarnings("unchecked")
    static <T> RowList of(List<T> items, Function<T, Map<String, Object>> row, Function<T, String> keyOf) {
        Function<Object, Map<String, Object>> r = (Function<Object, Map<String, Object>>) (Function<?, ?>) row;
        long[] h = IntStream.range(0, items.size()).parallel().mapToLong(i -> digest(r.apply(items.get(i)))).toArray();
        return new RowList(items, r, IntStream.range(0, items.size()).toArray(), h, null,
                (Function<Object, String>) (Function<?, ?>) keyOf);
    }

    /**
     * Rows of items whose rows carry a SHA-1 hex {@code key}: the first item of each key makes its row, later items
     * with the same key are dropped (a fact stated twice is one fact), in the items' order.
     */
    @SuppressWarnings("unchecked")
    static <T> RowList keyed(List<T> items, Function<T, Map<String, Object>> row) {
        Function<Object, Map<String, Object>> r = (Function<Object, Map<String, Object>>) (Function<?, ?>) row;
        int n = items.size();
        byte[] allKeys = new byte[Math.multiplyExact(n, SHA1_BYTES)]; // ~107 M rows of one type at most
        long[] allH = new long[n];
        // the rows are built and digested on every core, each into its own slots
        IntStream.range(0, n).parallel().forEach(i -> {
            Map<String, Object> m = r.apply(items.get(i));
            System.arraycopy(HEX.parseHex((String) m.get("key")), 0, allKeys, i * SHA1_BYTES, SHA1_BYTES);
            allH[i] = digest(m);
        });
        int[] order = firstOfEachKey(allKeys, n);
        byte[] keys = new byte[order.length * SHA1_BYTES];
        long[] h = new long[order.length];
        for (int j = 0; j < order.length; j++) {
            System.arraycopy(allKeys, order[j] * SHA1_BYTES, keys, j * SHA1_BYTES, SHA1_BYTES);
            h[j] = allH[order[j]];
        }
        return new RowList(items, r, order, h, keys, null);
    }

    /**
     * The same rows (same items, same keys) made into other maps, digested again: the reporting exceptions' nodes
     * from their {@code HAS_EXCEPTION} rows.
     */
    @SuppressWarnings("unchecked")
    <T> RowList remade(Function<T, Map<String, Object>> other) {
        Function<Object, Map<String, Object>> r = (Function<Object, Map<String, Object>>) (Function<?, ?>) other;
        long[] digests = IntStream.range(0, order.length).parallel()
                .mapToLong(i -> digest(r.apply(items.get(order[i])))).toArray();
        return new RowList(items, r, order, digests, keys, keyOf);
    }

    /** Indexes of the first item of every distinct key, in order (an open-addressing table of row indexes). */
    private static int[] firstOfEachKey(byte[] keys, int n) {
        int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        int[] table = new int[capacity];
        java.util.Arrays.fill(table, -1);
        int[] order = new int[n];
        int size = 0;
        int mask = capacity - 1;
        for (int i = 0; i < n; i++) {
            int slot = (int) (prefix(keys, i) ^ (prefix(keys, i) >>> 31)) & mask;
            boolean seen = false;
            for (; table[slot] >= 0; slot = (slot + 1) & mask) {
                if (java.util.Arrays.equals(keys, table[slot] * SHA1_BYTES, (table[slot] + 1) * SHA1_BYTES,
                        keys, i * SHA1_BYTES, (i + 1) * SHA1_BYTES)) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                table[slot] = i;
                order[size++] = i;
            }
        }
        return java.util.Arrays.copyOf(order, size);
    }

    private static long prefix(byte[] keys, int i) {
        long v = 0;
        for (int b = 0; b < 8; b++) {
            v = (v << 8) | (keys[i * SHA1_BYTES + b] & 0xff);
        }
        return v;
    }

    /** The digest {@code h} of a row's map (its {@code h} and the exceptions' {@code nodeProps} left out). */
    private static long digest(Map<String, Object> row) {
        Map<String, Object> m = row;
        if (row.containsKey("h") || row.containsKey("nodeProps")) {
            m = new HashMap<>(row);
            m.remove("h");
            m.remove("nodeProps");
        }
        return HexFormat.fromHexDigitsToLong(GraphLoader.digestOf(m));
    }

    @Override
    public int size() {
        return order.length;
    }

    /** Row {@code i} as the map the loader writes: its content and {@code h}. */
    @Override
    public Map<String, Object> get(int i) {
        Map<String, Object> m = new HashMap<>(row.apply(items.get(order[i])));
        m.remove("nodeProps");
        m.put("h", h(i));
        return m;
    }

    /** The key of row {@code i}: an organization's or product's {@code id}, else its {@code key}. */
    public String key(int i) {
        return keys == null ? keyOf.apply(items.get(order[i])) : HEX.formatHex(keys, i * SHA1_BYTES, (i + 1) * SHA1_BYTES);
    }

    /** The digest {@code h} of row {@code i} (16 hex digits). */
    public String h(int i) {
        return HEX.toHexDigits(h[i]);
    }
}
