package org.trustmap.graph.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.trustmap.crawler.Tm;
import org.trustmap.graph.ResolvedGraph.Provenance;

/** One staged record read back from the staging dataset: its IRI, type and property values. */
public final class StagedRecord {
    private final Node iri;
    private Node type;
    private final Map<Node, List<Node>> values = new LinkedHashMap<>();

    StagedRecord(Node iri) {
        this.iri = iri;
    }

    public Node iri() {
        return iri;
    }

    public Node type() {
        return type;
    }

    void type(Node t) {
        this.type = t;
    }

    void add(Node p, Node o) {
        values.computeIfAbsent(p, k -> new ArrayList<>()).add(o);
    }

    /** Keeps only these properties' values (a record reduced to a stub). */
    void retainOnly(java.util.Set<Node> properties) {
        values.keySet().retainAll(properties);
    }

    public String text(Node p) {
        List<Node> v = values.get(p);
        if (v == null || v.isEmpty()) {
            return null;
        }
        Node n = v.get(0);
        return n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : n.toString();
    }

    public List<String> texts(Node p) {
        List<Node> v = values.get(p);
        if (v == null) {
            return List.of();
        }
        return v.stream().map(n -> n.isLiteral() ? n.getLiteralLexicalForm() : n.toString()).sorted().toList();
    }

    public Node node(Node p) {
        List<Node> v = values.get(p);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public Provenance provenance() {
        return new Provenance(text(Tm.source), text(Tm.evidenceUrl), text(Tm.evidenceDate), text(Tm.warcRecordId),
                text(Tm.recordRef), text(Tm.confidence));
    }

    @Override
    public String toString() {
        return iri.getURI();
    }
}
