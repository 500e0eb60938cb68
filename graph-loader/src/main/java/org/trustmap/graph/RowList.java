package org.trustmap.graph;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * One label's or relationship type's rows of a load, kept compact: the digest {@code h} of each row as a
 * {@code long}, its key (a SHA-1 {@code key} as 20 bytes, an id or code as its UTF-8 bytes) and where its item is.
 * The items themselves are not held: a row's map is made from its item when it is asked for ({@link #get}: a batch
 * being written, a CSV line being printed), the item fetched by its number ({@code items}: from a list, or read again
 * from {@code resolved.json} by its place, see {@link GraphLoader#prepare(java.nio.file.Path)}), and dropped after.
 * A load thus holds about 40 bytes a row by its arrays (at 200k entities the rows' maps, 14.6 M map entries and their strings, were
 * most of the load's ~1.9 GB live heap; the resolved items the next largest part). The maps are the ones the loader
 * always wrote: same keys, same values, same {@code h}.
 */
public final class RowList extends AbstractList<Map<String, Object>> implements RandomAccess {
    private static final HexFormat HEX = HexFormat.of();
    private static final int SHA1_BYTES = 20;
    /** Items digested together, on every core. */
    private static final int CHUNK = 4096;
    /** Chunks of a list being digested while more items come (a few: each holds its items until it is taken). */
    private static final int IN_FLIGHT = 3;

    private final IntFunction<?> items;
    private final Function<Object, Map<String, Object>> row;
    /** The item of each row (rows deduplicated by key: the first item of a key). */
    private final int[] order;
    private final long[] h;
    /** SHA-1 keys, 20 bytes a row; null for rows keyed by their own id ({@link #names}). */
    private final byte[] keys;
    /** Own keys (ids, codes) as UTF-8, row after row; null for SHA-1 keys. */
    private final byte[] names;
    private final int[] nameEnds;
    /** The keys of the rows' maps, and of their nested {@code props} maps (the bulk importer's CSV columns). */
    private Set<String> columns = Set.of();
    private Set<String> propColumns = Set.of();

    private RowList(IntFunction<?> items, Function<Object, Map<String, Object>> row, int[] order, long[] h,
                    byte[] keys, byte[] names, int[] nameEnds) {
        this.items = items;
        this.row = row;
        this.order = order;
        this.h = h;
        this.keys = keys;
        this.names = names;
        this.nameEnds = nameEnds;
    }

    /** No rows. */
    public static RowList empty() {
        return new RowList(i -> null, x -> Map.of(), new int[0], new long[0], null, new byte[0], new int[0]);
    }

    /**
     * Rows of items keyed by one of their own values ({@code keyOf}: an organization's or product's id, a
     * jurisdiction's code), one row an item, in the items' order.
     */
    static <T> RowList of(List<T> items, Function<T, Map<String, Object>> row, Function<T, String> keyOf) {
        Builder<T> b = new Builder<>(row, keyOf, null);
        items.forEach(b::add);
        return b.build(items::get);
    }

    /**
     * Collects the rows of items handed over one by one ({@link #add}), digesting them a chunk at a time on every
     * core; the items are not kept ({@link #build} is told where to fetch them again).
     *
     * @param keyOf  the item's own key (an id); null for rows that carry a SHA-1 hex {@code key}: the first item of
     *               each key makes its row, later items with the same key are dropped (a fact stated twice is one fact)
     * @param second null, or other maps of the same items and keys, digested as a second list ({@link #second}: the
     *               reporting exceptions' nodes from their {@code HAS_EXCEPTION} rows)
     */
    static final class Builder<T> {
        private final Function<Object, Map<String, Object>> row;
        private final Function<Object, String> keyOf;
        private final Function<Object, Map<String, Object>> other;
        private final List<T> pending = new ArrayList<>(CHUNK);
        /** Chunks being digested on other cores, oldest first. */
        private final java.util.ArrayDeque<java.util.concurrent.CompletableFuture<Digested>> inFlight =
                new java.util.ArrayDeque<>();
        private int size;
        private long[] h = new long[16];
        private long[] h2;
        private byte[] keyBytes = new byte[256];
        private int keyLength;
        private int[] keyEnds = new int[16];
        private RowList second;
        /** Keys seen in the maps (and in their {@code props}), gathered on every core; the same for {@code second}. */
        private final Set<String> columns = ConcurrentHashMap.newKeySet();
        private final Set<String> propColumns = ConcurrentHashMap.newKeySet();
        private final Set<String> columns2 = ConcurrentHashMap.newKeySet();
        private final Set<String> propColumns2 = ConcurrentHashMap.newKeySet();

        @SuppressWarnings("unchecked")
        Builder(Function<T, Map<String, Object>> row, Function<T, String> keyOf, Function<T, Map<String, Object>> second) {
            this.row = (Function<Object, Map<String, Object>>) (Function<?, ?>) row;
            this.keyOf = (Function<Object, String>) (Function<?, ?>) keyOf;
            this.other = (Function<Object, Map<String, Object>>) (Function<?, ?>) second;
            this.h2 = second == null ? null : new long[16];
        }

        void add(T item) {
            pending.add(item);
            if (pending.size() == CHUNK) {
                flush();
            }
        }

        /**
         * Hands the pending chunk to a core to digest while the caller reads on (the parse of {@code resolved.json}
         * and the digests of the rows it gives used one core after the other: 66 s for the 3.4 M nightly's 8.3 GB);
         * at most {@link #IN_FLIGHT} chunks are out at once, and their results are taken in the order they were added.
         */
        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<T> chunk = List.copyOf(pending);
            pending.clear();
            inFlight.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> digestChunk(chunk)));
            while (inFlight.size() > IN_FLIGHT) {
                append(take(inFlight.poll()));
            }
        }

        /** Every chunk handed out, taken in order. */
        private void drain() {
            flush();
            while (!inFlight.isEmpty()) {
                append(take(inFlight.poll()));
            }
        }

        private static Digested take(java.util.concurrent.CompletableFuture<Digested> f) {
            try {
                return f.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }

        /** One chunk's digests and keys, in the chunk's order. */
        private record Digested(long[] digests, long[] digests2, byte[][] keys) {
        }

        private Digested digestChunk(List<T> chunk) {
            int n = chunk.size();
            long[] digests = new long[n];
            long[] digests2 = new long[n];
            byte[][] itemKeys = new byte[n][];
            IntStream.range(0, n).parallel().forEach(i -> {
                Object item = chunk.get(i);
                Map<String, Object> m = row.apply(item);
                String key = keyOf == null ? (String) m.get("key") : keyOf.apply(item);
                if (key == null) {
                    throw new IllegalArgumentException("a row without a key: " + item);
                }
                itemKeys[i] = keyOf == null ? HEX.parseHex(key) : key.getBytes(StandardCharsets.UTF_8);
                digests[i] = digest(m);
                collectColumns(m, columns, propColumns);
                if (other != null) {
                    Map<String, Object> m2 = other.apply(item);
                    digests2[i] = digest(m2);
                    collectColumns(m2, columns2, propColumns2);
                }
            });
            return new Digested(digests, digests2, itemKeys);
        }

        private void append(Digested d) {
            long[] digests = d.digests();
            long[] digests2 = d.digests2();
            byte[][] itemKeys = d.keys();
            int n = digests.length;
            if (size + n > h.length) {
                int capacity = Math.max(size + n, Math.multiplyExact(h.length, 2));
                h = java.util.Arrays.copyOf(h, capacity);
                keyEnds = java.util.Arrays.copyOf(keyEnds, capacity);
                h2 = h2 == null ? null : java.util.Arrays.copyOf(h2, capacity);
            }
            for (int i = 0; i < n; i++) {
                h[size] = digests[i];
                if (h2 != null) {
                    h2[size] = digests2[i];
                }
                byte[] k = itemKeys[i];
                if (keyLength + k.length > keyBytes.length) {
                    // more than 2 GB of keys in one list fails here rather than wrapping around
                    keyBytes = java.util.Arrays.copyOf(keyBytes,
                            Math.max(keyLength + k.length, Math.multiplyExact(keyBytes.length, 2)));
                }
                System.arraycopy(k, 0, keyBytes, keyLength, k.length);
                keyLength += k.length;
                keyEnds[size] = keyLength;
                size++;
            }
        }

        /**
         * Adds the keys not seen yet. Almost every key of a row is known already: looked up first (a lock-free read of
         * the concurrent set), since adding a key that is there takes the lock of its bin on every core's every row.
         */
        private static void collectColumns(Map<String, Object> m, Set<String> columns, Set<String> propColumns) {
            for (String k : m.keySet()) {
                if (!columns.contains(k)) {
                    columns.add(k);
                }
            }
            if (m.get("props") instanceof Map<?, ?> props) {
                for (Object k : props.keySet()) {
                    if (!propColumns.contains(k)) {
                        propColumns.add((String) k);
                    }
                }
            }
        }

        /** The rows, each item to be fetched again by its number in the order it was added. */
        RowList build(IntFunction<T> items) {
            RowList first = rows(items);
            first.columns(columns, propColumns);
            if (second != null) {
                second.columns(columns2, propColumns2);
            }
            return first;
        }

        private RowList rows(IntFunction<T> items) {
            drain();
            if (keyOf != null) {
                int[] order = IntStream.range(0, size).toArray();
                RowList first = new RowList(items, row, order, java.util.Arrays.copyOf(h, size), null,
                        java.util.Arrays.copyOf(keyBytes, keyLength), java.util.Arrays.copyOf(keyEnds, size));
                second = other == null ? null : new RowList(items, other, order, java.util.Arrays.copyOf(h2, size),
                        null, first.names, first.nameEnds);
                return first;
            }
            int[] order = firstOfEachKey(keyBytes, size);
            byte[] keys = new byte[order.length * SHA1_BYTES];
            long[] picked = new long[order.length];
            long[] picked2 = h2 == null ? null : new long[order.length];
            for (int j = 0; j < order.length; j++) {
                System.arraycopy(keyBytes, order[j] * SHA1_BYTES, keys, j * SHA1_BYTES, SHA1_BYTES);
                picked[j] = h[order[j]];
                if (picked2 != null) {
                    picked2[j] = h2[order[j]];
                }
            }
            second = picked2 == null ? null : new RowList(items, other, order, picked2, keys, null, null);
            return new RowList(items, row, order, picked, keys, null, null);
        }

        /** After {@link #build}: the same rows (items, keys) made into the {@code second} maps. */
        RowList second() {
            return second;
        }
    }

    private void columns(Set<String> keys, Set<String> propKeys) {
        Set<String> c = new java.util.TreeSet<>(keys);
        c.remove("h");
        c.remove("nodeProps");
        this.columns = java.util.Collections.unmodifiableSet(c);
        this.propColumns = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(propKeys));
    }

    /**
     * The keys of the rows' maps besides {@code h}, sorted; a row need not have them all. Gathered while the rows were
     * digested (from every item, a duplicate of a key too), so the bulk importer's CSV header needs no pass over the rows.
     */
    public Set<String> columns() {
        return columns;
    }

    /** The keys of the rows' nested {@code props} maps, sorted (empty when the rows have none). */
    public Set<String> propColumns() {
        return propColumns;
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
        Map<String, Object> m = new HashMap<>(row.apply(items.apply(order[i])));
        m.remove("nodeProps");
        m.put("h", h(i));
        return m;
    }

    /** The key of row {@code i}: an organization's or product's {@code id}, else its {@code key}. */
    public String key(int i) {
        if (keys != null) {
            return HEX.formatHex(keys, i * SHA1_BYTES, (i + 1) * SHA1_BYTES);
        }
        int start = i == 0 ? 0 : nameEnds[i - 1];
        return new String(names, start, nameEnds[i] - start, StandardCharsets.UTF_8);
    }

    /** True when the rows' keys are SHA-1s ({@link #key} gives their hex), false when they are ids or codes. */
    public boolean sha1Keys() {
        return keys != null;
    }

    /** Row {@code i}'s key as it is held: its 20 SHA-1 bytes ({@link #sha1Keys}), else its UTF-8 bytes. */
    public byte[] keyBytes(int i) {
        if (keys != null) {
            return java.util.Arrays.copyOfRange(keys, i * SHA1_BYTES, (i + 1) * SHA1_BYTES);
        }
        return java.util.Arrays.copyOfRange(names, i == 0 ? 0 : nameEnds[i - 1], nameEnds[i]);
    }

    /** {@link org.trustmap.graph.internal.KeyDigests#digest} of row {@code i}'s {@link #key}, without making it. */
    public long keyDigest(int i) {
        if (keys != null) {
            return org.trustmap.graph.internal.KeyDigests.digestOfSha1(keys, i * SHA1_BYTES);
        }
        int start = i == 0 ? 0 : nameEnds[i - 1];
        return org.trustmap.graph.internal.KeyDigests.digest(names, start, nameEnds[i]);
    }

    /** The digest {@code h} of row {@code i} as the number its 16 hex digits ({@link #h}) write. */
    public long hValue(int i) {
        return h[i];
    }

    /** The digest {@code h} of row {@code i} (16 hex digits). */
    public String h(int i) {
        return HEX.toHexDigits(h[i]);
    }
}
