package org.trustmap.graph.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.trustmap.crawler.Tm;
import org.trustmap.graph.ResolvedGraph.Provenance;

/**
 * One staged record read back from the staging dataset: its IRI, type and property values. Compact, because resolve
 * holds every staged record at once: the values are one array of (property, value) pairs in the order they were read
 * (a record has a dozen or so), not a map of lists. A plain string value ({@code xsd:string}, no language: names,
 * LEIs, URLs, references) is kept as its {@code String}, not as a literal node (~64 bytes less a value: at 200k
 * entities ~2.4 M literal nodes were about a quarter of resolve's live heap); {@link #node} makes the node again.
 */
public final class StagedRecord {
    private static final Object[] NONE = new Object[0];
    private final Node iri;
    private Node type;
    private Node graph;
    /** Property, value, property, value...: a value is a {@link Node} or, for a plain string literal, its String. */
    private Object[] pairs = NONE;
    private int size;

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

    /** The named graph (capture) the record was first read from. */
    Node graph() {
        return graph;
    }

    void graph(Node g) {
        if (graph == null) {
            graph = g;
        }
    }

    /** Takes in what a later graph states of the same record: its values, and its type when it states one. */
    void absorb(StagedRecord later) {
        for (int i = 0; i < later.size; i += 2) {
            put(later.pairs[i], later.pairs[i + 1]);
        }
        if (later.type != null) {
            type = later.type;
        }
        graph(later.graph);
    }

    void add(Node p, Node o) {
        put(p, plain(o) ? o.getLiteralLexicalForm() : o);
    }

    private void put(Object p, Object o) {
        if (size == pairs.length) {
            pairs = java.util.Arrays.copyOf(pairs, Math.max(16, pairs.length * 2));
        }
        pairs[size++] = p;
        pairs[size++] = o;
    }

    /** A literal that is its lexical form and nothing else: {@code xsd:string}, no language. */
    private static boolean plain(Node o) {
        return o.isLiteral() && o.getLiteralLanguage().isEmpty()
                && XSDDatatype.XSDstring.getURI().equals(o.getLiteralDatatypeURI());
    }

    /** A value as a node: a kept string becomes its {@code xsd:string} literal again. */
    private static Node asNode(Object v) {
        return v instanceof String s ? NodeFactory.createLiteralString(s) : (Node) v;
    }

    /**
     * Puts the values in one order whatever order they were read in: by property IRI, then value (lexical form,
     * datatype, language), so that a record's first value of a property does not depend on where the staging store
     * happened to keep it; repeated values count once and the array is cut to size.
     */
    void sort() {
        int n = size / 2;
        if (n < 2) {
            trim();
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = ((Node) pairs[2 * a]).getURI().compareTo(((Node) pairs[2 * b]).getURI());
            return c != 0 ? c : compareValues(pairs[2 * a + 1], pairs[2 * b + 1]);
        });
        // a triple written twice (a record restated in a later chunk) is one value, as in a graph
        Object[] sorted = new Object[2 * n];
        int w = 0;
        for (int i = 0; i < n; i++) {
            Object p = pairs[2 * order[i]];
            Object o = pairs[2 * order[i] + 1];
            if (w > 0 && sorted[w - 2].equals(p) && sorted[w - 1].equals(o)) {
                continue;
            }
            sorted[w++] = p;
            sorted[w++] = o;
        }
        pairs = w == sorted.length ? sorted : java.util.Arrays.copyOf(sorted, w);
        size = w;
    }

    /**
     * Values in the order of their lexical form (a URI's string), then datatype, then language; a URI before a
     * literal of the same text. The order of the strings {@code lexical \0 datatype \0 language}, without building
     * them.
     */
    static int compareValues(Object x, Object y) {
        int c = textOf(x).compareTo(textOf(y));
        if (c != 0) {
            return c;
        }
        boolean lx = isLiteral(x);
        boolean ly = isLiteral(y);
        if (lx != ly) {
            return lx ? 1 : -1;
        }
        if (!lx) {
            return 0;
        }
        c = datatypeOf(x).compareTo(datatypeOf(y));
        return c != 0 ? c : languageOf(x).compareTo(languageOf(y));
    }

    private static boolean isLiteral(Object v) {
        return v instanceof String || ((Node) v).isLiteral();
    }

    private static String datatypeOf(Object v) {
        return v instanceof String ? XSDDatatype.XSDstring.getURI() : ((Node) v).getLiteralDatatypeURI();
    }

    private static String languageOf(Object v) {
        return v instanceof String ? "" : ((Node) v).getLiteralLanguage();
    }

    private static String textOf(Object v) {
        if (v instanceof String s) {
            return s;
        }
        Node o = (Node) v;
        return o.isLiteral() ? o.getLiteralLexicalForm() : o.isURI() ? o.getURI() : o.toString();
    }

    /** Drops the spare room of the value array once the record is read. */
    void trim() {
        if (pairs.length != size) {
            pairs = java.util.Arrays.copyOf(pairs, size);
        }
    }

    /** Keeps only these properties' values (a record reduced to a stub). */
    void retainOnly(java.util.Set<Node> properties) {
        int w = 0;
        for (int i = 0; i < size; i += 2) {
            if (properties.contains(pairs[i])) {
                pairs[w++] = pairs[i];
                pairs[w++] = pairs[i + 1];
            }
        }
        java.util.Arrays.fill(pairs, w, size, null);
        size = w;
        trim();
    }

    public String text(Node p) {
        for (int i = 0; i < size; i += 2) {
            if (pairs[i].equals(p)) {
                return textOf(pairs[i + 1]);
            }
        }
        return null;
    }

    public List<String> texts(Node p) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < size; i += 2) {
            if (pairs[i].equals(p)) {
                Object v = pairs[i + 1];
                out.add(v instanceof String s ? s : ((Node) v).isLiteral() ? ((Node) v).getLiteralLexicalForm()
                        : v.toString());
            }
        }
        if (out.isEmpty()) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    /** Every value of {@code p} as a node, in the record's order. */
    List<Node> nodes(Node p) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < size; i += 2) {
            if (pairs[i].equals(p)) {
                out.add(asNode(pairs[i + 1]));
            }
        }
        return out;
    }

    /** The first value of {@code p} in the order read, or null. */
    public Node node(Node p) {
        for (int i = 0; i < size; i += 2) {
            if (pairs[i].equals(p)) {
                return asNode(pairs[i + 1]);
            }
        }
        return null;
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
