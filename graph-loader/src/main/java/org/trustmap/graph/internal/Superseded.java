package org.trustmap.graph.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.jena.graph.Node;
import org.trustmap.crawler.Tm;

/**
 * GLEIF records restated by a newer document: the LastDay delta staged next to a full golden copy (or an API answer
 * next to a golden copy) leaves several records under one key of the GLEIF staging — an LEI record
 * ({@code lei/<LEI>}), a relationship ({@code rr/<start>/<type>/<end>}), a reporting exception
 * ({@code repex/<LEI>/<category>}). Only the newest one counts, as a delta replaces the records it carries: the
 * latest evidence date (the record's LastUpdateDate; an exception's file date), then the later capture, then the
 * IRI. An older LEI record is kept as a bare LEI stub, since links of its own document point at it; older
 * relationships and exceptions are left out. Stubs (an LEI and nothing else) are never compared.
 */
final class Superseded {
    private static final String SOURCE = "gleif";
    private static final String PREFIX = Tm.RECORD_NS + SOURCE + ":";
    /** What a stub keeps: its LEI and its provenance. */
    private static final Set<Node> STUB = Set.of(Tm.lei, Tm.source, Tm.evidenceUrl, Tm.evidenceDate, Tm.recordRef,
            Tm.warcRecordId);

    private Superseded() {
    }

    /**
     * Removes (or reduces to stubs) the GLEIF records a newer record of the same key restates.
     *
     * @param retrieved when a record's capture was archived, or null
     */
    static void apply(List<StagedRecord> records, Function<StagedRecord, Instant> retrieved) {
        // almost every key is held by one record (a delta restates a few): the keys are compared as 64-bit digests
        // first, and only records whose digest another record shares are grouped by their key (a map of every key
        // with a list each: about 190 bytes a GLEIF record by its objects, ~650 MB at 3.5 M records, estimated)
        long[] hashes = new long[records.size()];
        java.util.stream.IntStream.range(0, records.size()).parallel().forEach(i -> {
            String key = key(records.get(i));
            hashes[i] = key == null ? 0 : digest(key);
        });
        long[] shared = repeated(hashes);
        Map<String, List<StagedRecord>> byKey = new HashMap<>();
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0 && java.util.Arrays.binarySearch(shared, hashes[i]) >= 0) {
                StagedRecord r = records.get(i);
                byKey.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
            }
        }
        Comparator<StagedRecord> newest = Comparator
                .comparing((StagedRecord r) -> r.text(Tm.evidenceDate), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(retrieved, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(StagedRecord::toString);
        Set<StagedRecord> dropped = new HashSet<>();
        for (List<StagedRecord> same : byKey.values()) {
            if (same.size() < 2) {
                continue;
            }
            StagedRecord latest = same.stream().max(newest).orElseThrow();
            for (StagedRecord older : same) {
                if (older == latest) {
                    continue;
                }
                if (Tm.Organization.equals(older.type()) && key(older).startsWith("lei/")) {
                    older.retainOnly(STUB);
                } else {
                    dropped.add(older);
                }
            }
        }
        records.removeIf(dropped::contains);
    }

    /** The digests (0 left out) that occur more than once, sorted. */
    private static long[] repeated(long[] hashes) {
        long[] sorted = java.util.Arrays.stream(hashes).filter(h -> h != 0).sorted().toArray();
        long[] out = new long[16];
        int n = 0;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1] && (n == 0 || out[n - 1] != sorted[i])) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, n * 2);
                }
                out[n++] = sorted[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The key's 64-bit digest ({@link KeyDigests}), never 0 (0 is "no key"); a shared digest only groups more. */
    private static long digest(String key) {
        long d = KeyDigests.digest(key);
        return d == 0 ? 1 : d;
    }

    /** The record's key within its GLEIF document, or null for other sources and for stubs. */
    private static String key(StagedRecord r) {
        String iri = r.iri().getURI();
        if (!iri.startsWith(PREFIX) || !SOURCE.equals(r.text(Tm.source))) {
            return null;
        }
        String[] parts = iri.substring(PREFIX.length()).split(":", 2);
        if (parts.length < 2) {
            return null;
        }
        String key = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        boolean stub = key.startsWith("lei/") && r.text(Tm.name) == null;
        return stub ? null : key;
    }
}
