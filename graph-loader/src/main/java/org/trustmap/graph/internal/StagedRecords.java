package org.trustmap.graph.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.trustmap.crawler.Tm;

/**
 * Reads every record of every staged capture graph, sorted by IRI so that resolution is deterministic. A record
 * whose source gave no evidence date (an inventory row, an unverified curated fact: the document itself is the
 * evidence) is dated with the day its capture was archived, so that every fact carries a date. GLEIF records that a
 * newer GLEIF document restates (a LastDay delta over a golden copy) give way to the newer one ({@link Superseded}).
 */
public final class StagedRecords {
    private StagedRecords() {
    }

    /**
     * Every staged record; a capture graph is read from its sequential copy ({@code copies}, RDF Thrift, see the
     * staging store) where it has one, from the dataset where not: the records are the same.
     */
    public static List<StagedRecord> read(DatasetGraph dsg,
                                          java.util.function.Function<String, java.util.Optional<java.nio.file.Path>> copies) {
        Map<Node, StagedRecord> byIri = new HashMap<>();
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
        List<Node> graphs = new ArrayList<>();
        dsg.find(Tm.CAPTURES_GRAPH, Node.ANY, RDF.type.asNode(), Tm.Capture).forEachRemaining(q -> graphs.add(q.getSubject()));
        Map<Node, Node> predicates = new HashMap<>();
        for (Node g : graphs) {
            java.util.Optional<java.nio.file.Path> copy = copies.apply(g.getURI());
            if (copy.isPresent()) {
                org.apache.jena.riot.RDFParser.source(copy.get()).lang(org.apache.jena.riot.Lang.RDFTHRIFT)
                        .parse(new org.apache.jena.riot.system.StreamRDFBase() {
                            @Override
                            public void triple(org.apache.jena.graph.Triple t) {
                                // one predicate node per property, as the dataset's node cache would give
                                Node p = predicates.computeIfAbsent(t.getPredicate(), x -> x);
                                accept(byIri, g, t.getSubject(), p, t.getObject());
                            }
                        });
            } else {
                dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q ->
                        accept(byIri, g, q.getSubject(), q.getPredicate(), q.getObject()));
            }
        }
        List<StagedRecord> all = new ArrayList<>(byIri.values());
        all.removeIf(r -> r.type() == null);
        for (StagedRecord r : all) {
            r.sort();
            Node day = captureDay.get(r.graph());
            if (r.node(Tm.evidenceDate) == null && day != null) {
                r.add(Tm.evidenceDate, day);
            }
        }
        Superseded.apply(all, r -> captureTime.get(r.graph()));
        all.sort(Comparator.comparing(r -> r.iri().getURI()));
        return all;
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
