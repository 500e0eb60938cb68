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
        Map<Node, StagedRecord> byIri = new HashMap<>();
        // the values many records share are packed once for all of them
        StagedRecord.Dictionary dictionary = new StagedRecord.Dictionary();
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
        Map<Node, Future<Map<Node, StagedRecord>>> decoded = new HashMap<>();
        Map<Node, java.nio.file.Path> copyOf = new java.util.LinkedHashMap<>(); // submitted in graph order
        graphs.forEach(g -> copies.apply(g.getURI()).ifPresent(copy -> copyOf.put(g, copy)));
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
        ExecutorService pool = copyOf.isEmpty() ? null : Executors.newFixedThreadPool(
                Math.min(copyOf.size(), Runtime.getRuntime().availableProcessors()), daemon("resolve-read"));
        try {
            // the largest copies first: with a few big captures (a GLEIF golden copy's three files) and as many
            // threads as cores, a big copy taken last would leave the other threads idle while it is decoded
            List<Map.Entry<Node, java.nio.file.Path>> bySize = new ArrayList<>(copyOf.entrySet());
            bySize.sort(Comparator.comparingLong((Map.Entry<Node, java.nio.file.Path> e) -> size(e.getValue()))
                    .reversed());
            bySize.forEach(e -> decoded.put(e.getKey(),
                    pool.submit(() -> decode(e.getKey(), e.getValue(), predicates, dictionary))));
            for (Node g : graphs) {
                Map<Node, StagedRecord> part = null;
                Future<Map<Node, StagedRecord>> f = decoded.get(g);
                if (f != null) {
                    try {
                        part = f.get();
                    } catch (ExecutionException e) {
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
                    part = fromDataset;
                }
                for (StagedRecord r : part.values()) {
                    StagedRecord earlier = byIri.putIfAbsent(r.iri(), r);
                    if (earlier != null) {
                        earlier.absorb(r);
                    }
                }
                decoded.remove(g);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        List<StagedRecord> all = new ArrayList<>(byIri.values());
        all.removeIf(r -> r.type() == null);
        all.parallelStream().forEach(r -> {
            Node source = captureSource.get(r.graph());
            if (source != null && r.node(Tm.source) == null) {
                r.add(Tm.source, source);
            }
            Node recordId = captureRecordId.get(r.graph());
            if (recordId != null && r.node(Tm.warcRecordId) == null) {
                r.add(Tm.warcRecordId, recordId);
            }
            Node day = captureDay.get(r.graph());
            if (r.node(Tm.evidenceDate) == null && day != null) {
                r.add(Tm.evidenceDate, day);
            }
            r.pack(dictionary); // sorted, then packed (a record decoded from a copy is packed already unless changed here)
        });
        Superseded.apply(all, r -> captureTime.get(r.graph()));
        StagedRecord[] sorted = all.toArray(new StagedRecord[0]);
        java.util.Arrays.parallelSort(sorted, Comparator.comparing(r -> r.iri().getURI())); // on every core
        return new ArrayList<>(java.util.Arrays.asList(sorted));
    }

    /**
     * One capture graph's records from its sequential copy (RDF Thrift), read through {@link ThriftFileInput}. A copy
     * holds a record's triples one after the other, so each record is packed as soon as the next one starts (values
     * many records share are then kept once, in the {@code dictionary}), and the record a triple belongs to is the one
     * before unless the subject changes.
     */
    private static Map<Node, StagedRecord> decode(Node g, java.nio.file.Path copy, Map<Node, Node> predicates,
                                                  StagedRecord.Dictionary dictionary) throws java.io.IOException {
        Map<Node, StagedRecord> records = new HashMap<>();
        Node[] subject = {null};
        StagedRecord[] current = {null};
        ThriftFileInput.parseTriples(copy, (s, p, o) -> {
            if (current[0] == null || !subject[0].equals(s)) {
                // the record before is complete, packed now so that a graph's records are not all held unpacked (a
                // later triple of it would unpack it again)
                if (current[0] != null) {
                    current[0].pack(dictionary);
                }
                subject[0] = s;
                current[0] = records.computeIfAbsent(s, StagedRecord::new);
                current[0].graph(g);
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
        records.values().forEach(r -> r.pack(dictionary));
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
