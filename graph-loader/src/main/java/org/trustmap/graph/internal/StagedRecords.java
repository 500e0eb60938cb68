package org.trustmap.graph.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.trustmap.crawler.Tm;

/**
 * Reads every record of every staged capture graph, sorted by IRI so that resolution is deterministic. Each record
 * gets its capture's source and WARC record id, which staging states once per capture. A record
 * whose source gave no evidence date (an inventory row, an unverified curated fact: the document itself is the
 * evidence) is dated with the day its capture was archived, so that every fact carries a date. GLEIF records that a
 * newer GLEIF document restates (a LastDay delta over a golden copy) give way to the newer one ({@link Superseded}).
 */
public final class StagedRecords {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StagedRecords.class);
    private StagedRecords() {
    }

    /**
     * Every staged record; a capture graph is read from its sequential copy ({@code copies}, RDF Thrift, see the
     * staging store) where it has one, from the dataset where not: the records are the same. The copies are decoded
     * on as many threads as there are cores; a copy that cannot be read is logged and its graph read from the
     * dataset.
     */
    public static List<StagedRecord> read(DatasetGraph dsg,
                                          java.util.function.Function<String, java.util.Optional<java.nio.file.Path>> copies) {
        Map<Node, Node> captureDay = new HashMap<>();
        Map<Node, java.time.Instant> captureTime = new HashMap<>();
        dsg.find(Tm.CAPTURES_GRAPH, Node.ANY, Tm.retrieved, Node.ANY).forEachRemaining(q -> {
            String when = q.getObject().getLiteralLexicalForm();
            java.time.Instant instant = instant(when);
            if (instant != null) {
                captureTime.put(q.getSubject(), instant);
            }
            if (when.length() >= 10) {
                captureDay.put(q.getSubject(), NodeFactory.createLiteralDT(when.substring(0, 10), XSDDatatype.XSDdate));
            }
        });
        // the source and the WARC record id are stated once per capture; every record of the capture gets them
        Map<Node, Node> captureSource = new HashMap<>();
        Map<Node, Node> captureRecordId = new HashMap<>();
        dsg.find(Tm.CAPTURES_GRAPH, Node.ANY, Tm.source, Node.ANY).forEachRemaining(q ->
                captureSource.put(q.getSubject(), q.getObject()));
        dsg.find(Tm.CAPTURES_GRAPH, Node.ANY, Tm.warcRecordId, Node.ANY).forEachRemaining(q ->
                captureRecordId.put(q.getSubject(), q.getObject()));
        List<Node> graphs = new ArrayList<>();
        dsg.find(Tm.CAPTURES_GRAPH, Node.ANY, RDF.type.asNode(), Tm.Capture).forEachRemaining(q -> graphs.add(q.getSubject()));
        // the copies are decoded in parallel, each into records of its own; they are then taken in graph order, as one
        // sequential read would have taken them. Graphs without a copy are read from the dataset on this thread (its
        // read transaction is this thread's).
        Map<Node, Node> predicates = new ConcurrentHashMap<>();
        Map<Node, Future<List<StagedRecord>>> decoded = new HashMap<>();
        Map<Node, java.nio.file.Path> copyOf = new java.util.LinkedHashMap<>(); // submitted in graph order
        graphs.forEach(g -> copies.apply(g.getURI()).ifPresent(copy -> copyOf.put(g, copy)));
        // the records' IRIs and values are kept in a file beside the copies (the heap holds an address a record)
        RecordSpill spill = RecordSpill.create(spillDirectory(copyOf.values()));
        java.util.function.Function<Node, Node[]> captureValues = g -> new Node[] {captureSource.get(g),
                captureRecordId.get(g), captureDay.get(g)};
        // a bulk capture's graph is its copy (the dataset holds none of its triples): without it there is nothing to read
        java.util.Set<Node> copyOnly = new java.util.HashSet<>();
        dsg.find(Tm.CAPTURES_GRAPH, Node.ANY, Tm.copyOnly, Node.ANY).forEachRemaining(q -> copyOnly.add(q.getSubject()));
        for (Node g : copyOnly) {
            if (!copyOf.containsKey(g)) {
                throw new IllegalStateException("the staged graph " + g.getURI() + " is kept in its records copy only"
                        + " and that copy is missing (a refresh's resolve step stages such a graph again before it"
                        + " reads)");
            }
        }
        List<StagedRecord> all = new ArrayList<>();
        ExecutorService pool = copyOf.isEmpty() ? null : Executors.newFixedThreadPool(
                Math.min(copyOf.size(), Runtime.getRuntime().availableProcessors()), daemon("resolve-read"));
        try {
            // the largest copies first: with a few big captures (a GLEIF golden copy's three files) and as many
            // threads as cores, a big copy taken last would leave the other threads idle while it is decoded
            List<Map.Entry<Node, java.nio.file.Path>> bySize = new ArrayList<>(copyOf.entrySet());
            bySize.sort(Comparator.comparingLong((Map.Entry<Node, java.nio.file.Path> e) -> size(e.getValue()))
                    .reversed());
            bySize.forEach(e -> decoded.put(e.getKey(), pool.submit(() -> decode(e.getKey(), e.getValue(), predicates,
                    captureValues.apply(e.getKey()), spill))));
            for (Node g : graphs) {
                List<StagedRecord> part = null;
                Future<List<StagedRecord>> f = decoded.get(g);
                if (f != null) {
                    try {
                        part = f.get();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RecordSpill.NoRoom noRoom) {
                            throw noRoom; // the disk is full, not the copy unreadable: neither is read from TDB2
                        }
                        if (copyOnly.contains(g)) {
                            throw new IllegalStateException("the staged graph " + g.getURI() + " is kept in its records"
                                    + " copy " + copyOf.get(g) + " only, which cannot be read (" + e.getCause()
                                    + "); remove that file and run the same refresh again: it is staged again",
                                    e.getCause());
                        }
                        LOG.warn("resolve: the staged copy of {} cannot be read ({}); reading its graph from the"
                                + " staging dataset", g.getURI(), e.getCause().toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while reading the staged copies", e);
                    }
                }
                if (part == null) {
                    Map<Node, StagedRecord> fromDataset = new HashMap<>();
                    dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q ->
                            accept(fromDataset, g, q.getSubject(), q.getPredicate(), q.getObject()));
                    Node[] values = captureValues.apply(g);
                    part = new ArrayList<>(fromDataset.values());
                    part.forEach(r -> finish(r, values, spill));
                }
                all.addAll(part);
                decoded.remove(g);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        // sorted by IRI on every core; the sort is stable, so the parts of one record (stated by several captures,
        // or in several places of one) stay in the order they were read and are taken in that order
        StagedRecord[] sorted = all.toArray(new StagedRecord[0]);
        all.clear();
        java.util.Arrays.parallelSort(sorted, StagedRecord::compareIris);
        List<StagedRecord> merged = new ArrayList<>(sorted.length);
        List<StagedRecord> absorbed = new ArrayList<>();
        for (int i = 0; i < sorted.length; ) {
            StagedRecord first = sorted[i];
            sorted[i++] = null;
            if (i < sorted.length && StagedRecord.compareIris(first, sorted[i]) == 0) {
                absorbed.add(first);
            }
            while (i < sorted.length && StagedRecord.compareIris(first, sorted[i]) == 0) {
                first.absorb(sorted[i]);
                sorted[i++] = null;
            }
            if (first.type() != null) {
                merged.add(first);
            }
        }
        absorbed.parallelStream().forEach(r -> r.spillTo(spill)); // sorted, then packed again
        Superseded.apply(merged, r -> captureTime.get(r.graph()));
        // a few bytes a record from here on instead of an object (the records are only read from now on)
        return new StagedRecord.Table(merged, spill);
    }

    /**
     * Where the records are spilled: beside the first copy (the staging store's directory, on the disk the operator
     * gave the home), else the temporary directory.
     */
    private static java.nio.file.Path spillDirectory(java.util.Collection<java.nio.file.Path> copies) {
        for (java.nio.file.Path copy : copies) {
            java.nio.file.Path dir = copy.toAbsolutePath().getParent();
            if (dir != null) {
                return dir;
            }
        }
        return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A record read whole: given its capture's values where it states none, then packed into the spill. */
    private static void finish(StagedRecord r, Node[] captureValues, RecordSpill spill) {
        for (int k = 0; k < captureValues.length; k++) {
            r.addCaptureValue(k, captureValues[k]);
        }
        r.spillTo(spill);
    }

    /**
     * One capture graph's records from its sequential copy (RDF Thrift), read through {@link ThriftFileInput}. A copy
     * holds a record's triples one after the other, so each record is packed as soon as the next one starts (values
     * many records share are then kept once, in the {@code dictionary}), and the record a triple belongs to is the one
     * before unless the subject changes.
     */
    private static List<StagedRecord> decode(Node g, java.nio.file.Path copy, Map<Node, Node> predicates,
                                             Node[] captureValues, RecordSpill spill) throws java.io.IOException {
        List<StagedRecord> records = new ArrayList<>();
        Node[] subject = {null};
        StagedRecord[] current = {null};
        ThriftFileInput.parseTriples(copy, (s, p, o) -> {
            if (current[0] == null || !subject[0].equals(s)) {
                // the record before is complete (for this run of triples: a subject stated again further on is a
                // second part of the record, joined with the first after the sort by IRI), spilled now
                if (current[0] != null) {
                    finish(current[0], captureValues, spill);
                }
                subject[0] = s;
                current[0] = new StagedRecord(s);
                current[0].graph(g);
                records.add(current[0]);
            }
            // one predicate node per property for all copies (the first one read, the vocabulary's own where it is one)
            Node property = predicates.computeIfAbsent(p, x -> x);
            if (property.equals(RDF.type.asNode())) {
                Node type = o instanceof String text ? NodeFactory.createLiteralString(text) : (Node) o;
                Node known = type.isURI() ? Tm.term(type.getURI()) : null;
                current[0].type(known != null ? known : type);
            } else if (o instanceof String text) {
                current[0].addText(property, text);
            } else {
                current[0].add(property, (Node) o);
            }
        });
        if (current[0] != null) {
            finish(current[0], captureValues, spill);
        }
        return records;
    }

    /** A file's size, 0 when it cannot be read (its decoding then reports why). */
    private static long size(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void accept(Map<Node, StagedRecord> byIri, Node g, Node s, Node p, Node o) {
        StagedRecord r = byIri.computeIfAbsent(s, StagedRecord::new);
        r.graph(g);
        if (p.equals(RDF.type.asNode())) {
            r.type(o);
        } else {
            r.add(p, o);
        }
    }

    /** An ISO date-time as an instant, or null. */
    private static java.time.Instant instant(String when) {
        try {
            return java.time.OffsetDateTime.parse(when).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
