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
        Map<String, List<StagedRecord>> byKey = new HashMap<>();
        for (StagedRecord r : records) {
            String key = key(r);
            if (key != null) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
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
