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
import org.apache.jena.sparql.core.Quad;
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

    public static List<StagedRecord> read(DatasetGraph dsg) {
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
        dsg.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            if (q.getGraph().equals(Tm.CAPTURES_GRAPH) || Quad.isDefaultGraph(q.getGraph())) {
                return;
            }
            StagedRecord r = byIri.computeIfAbsent(q.getSubject(), StagedRecord::new);
            r.graph(q.getGraph());
            if (q.getPredicate().equals(RDF.type.asNode())) {
                r.type(q.getObject());
            } else {
                r.add(q.getPredicate(), q.getObject());
            }
        });
        List<StagedRecord> all = new ArrayList<>(byIri.values());
        all.removeIf(r -> r.type() == null);
        for (StagedRecord r : all) {
            r.trim();
            Node day = captureDay.get(r.graph());
            if (r.node(Tm.evidenceDate) == null && day != null) {
                r.add(Tm.evidenceDate, day);
            }
        }
        Superseded.apply(all, r -> captureTime.get(r.graph()));
        all.sort(Comparator.comparing(r -> r.iri().getURI()));
        return all;
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
