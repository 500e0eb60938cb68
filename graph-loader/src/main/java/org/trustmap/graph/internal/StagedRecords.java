package org.trustmap.graph.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.trustmap.crawler.Tm;

/** Reads every record of every staged capture graph, sorted by IRI so that resolution is deterministic. */
public final class StagedRecords {
    private StagedRecords() {
    }

    public static List<StagedRecord> read(DatasetGraph dsg) {
        Map<Node, StagedRecord> byIri = new HashMap<>();
        dsg.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            if (q.getGraph().equals(Tm.CAPTURES_GRAPH) || Quad.isDefaultGraph(q.getGraph())) {
                return;
            }
            StagedRecord r = byIri.computeIfAbsent(q.getSubject(), StagedRecord::new);
            if (q.getPredicate().equals(RDF.type.asNode())) {
                r.type(q.getObject());
            } else {
                r.add(q.getPredicate(), q.getObject());
            }
        });
        List<StagedRecord> all = new ArrayList<>(byIri.values());
        all.removeIf(r -> r.type() == null);
        all.sort(Comparator.comparing(r -> r.iri().getURI()));
        return all;
    }
}
