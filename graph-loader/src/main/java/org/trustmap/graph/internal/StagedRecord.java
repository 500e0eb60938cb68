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
 * holds every staged record at once: the values are one array of (property, value) pairs (a record has a dozen or
 * so), not a map of lists, and once the record is read they are {@link #pack packed} into one byte array (each value
 * its property's number, its kind and its UTF-8 bytes: at 200k entities the values' strings, their objects and the
 * pair arrays were most of resolve's live heap). A plain string value ({@code xsd:string}, no language: names, LEIs,
 * URLs, references) is given back as a {@code String}, other values as nodes ({@link #node}); equal to what was read.
 * Resolve then moves the IRI and the packed values into a {@link RecordSpill} ({@link #spillTo}): the heap keeps the
 * record's type, graph and address there (at 3.4 M GLEIF-shaped entities, 12 M records, byte arrays, the records' and their strings', were 5.4 GB of heap).
 */
public final class StagedRecord {
    private static final Object[] NONE = new Object[0];
    private static final int PLAIN = 0;
    private static final int URI = 1;
    private static final int TYPED = 2;
    private static final int LANGUAGE = 3;
    /** A value of the {@link Dictionary}: its number there. */
    private static final int SHARED = 4;
    /** Properties and datatypes by number, for packed values (a vocabulary of a few dozen, shared by all records). */
    private static final Numbered<Node> PROPERTIES = new Numbered<>();
    private static final Numbered<String> DATATYPES = new Numbered<>();
    /** Null while the record is in a {@link RecordSpill} (its IRI is there). */
    private Node iri;
    private Node type;
    private Node graph;
    /** Property, value, property, value...: a value is a {@link Node} or, for a plain string literal, its String. */
    private Object[] pairs = NONE;
    private int size;
    /** The values packed ({@link #pack}); null while they are in {@link #pairs}. */
    private byte[] packed;
    /** Where the packed values that many records share are kept; null for none. */
    private Dictionary dictionary;
    /** The spill holding the record's IRI and packed values at {@link #address}; null while they are on the heap. */
    private RecordSpill spill;
    private long address;
    /**
     * Of a record made again from a {@link Table} (a short-lived view, never changed): its values as read from the
     * spill on first use, kept for the next accessor call on the same object (a JFR of the 3.4 M nightly found 26 % of
     * the clustering's CPU samples copying a record's bytes out of the spill, once an accessor call; the change gave no
     * wall-time gain distinguishable from run-to-run spread). Records of the read itself never keep a copy (12 M of
     * them would hold the spill's bytes on the heap again).
     */
    private final boolean view;
    private byte[] viewValues;
    /** Which of the capture's values ({@link #addCaptureValue}) the record was given rather than stated, by bit. */
    private byte given;

    StagedRecord(Node iri) {
        this.iri = iri;
        this.view = false;
    }

    /** A record in a spill, made again from what {@link Table} keeps of it. */
    private StagedRecord(RecordSpill spill, long address, Node type, Node graph) {
        this.spill = spill;
        this.address = address;
        this.type = type;
        this.graph = graph;
        this.dictionary = spill.dictionary();
        this.view = true;
    }

    /**
     * Records, most of them in one spill, kept as a few bytes each (the address, the type's and the graph's numbers)
     * instead of an object each: {@link #get} makes the record's object when it is asked for (a short-lived one, so
     * resolve does not hold 12 M of them, 56 bytes each, at 3.4 M entities). A record not in the spill (a blank node
     * kept it on the heap, or another dictionary) is kept as it is. Read-only: a record changed after it is taken
     * from here is a copy of it.
     */
    static final class Table extends java.util.AbstractList<StagedRecord> implements java.util.RandomAccess {
        private final RecordSpill spill;
        private final long[] addresses;
        private final byte[] types;
        private final int[] graphs;
        private final List<Node> typeNodes = new ArrayList<>();
        private final List<Node> graphNodes = new ArrayList<>();
        private final java.util.Map<Integer, StagedRecord> kept = new java.util.HashMap<>();

        Table(List<StagedRecord> records, RecordSpill spill) {
            this.spill = spill;
            int n = records.size();
            addresses = new long[n];
            types = new byte[n];
            graphs = new int[n];
            java.util.Map<Node, Integer> typeNumbers = new java.util.HashMap<>();
            java.util.Map<Node, Integer> graphNumbers = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                StagedRecord r = records.get(i);
                Integer t = typeNumbers.get(r.type);
                if (t == null && typeNumbers.size() < 127) {
                    t = typeNumbers.size();
                    typeNumbers.put(r.type, t);
                    typeNodes.add(r.type);
                }
                if (r.spill != spill || r.dictionary != spill.dictionary() || t == null) {
                    kept.put(i, r);
                    continue;
                }
                Integer g = graphNumbers.computeIfAbsent(r.graph, x -> {
                    graphNodes.add(x);
                    return graphNumbers.size();
                });
                addresses[i] = r.address;
                types[i] = t.byteValue();
                graphs[i] = g;
            }
        }

        @Override
        public StagedRecord get(int i) {
            StagedRecord r = kept.isEmpty() ? null : kept.get(i);
            return r != null ? r : new StagedRecord(spill, addresses[i], typeNodes.get(types[i]), graphNodes.get(graphs[i]));
        }

        @Override
        public int size() {
            return addresses.length;
        }
    }

    public Node iri() {
        if (iri == null && view) {
            iri = NodeFactory.createURI(spill.iri(address)); // a view's IRI is made once, as its values are read once
        }
        return iri != null ? iri : NodeFactory.createURI(spill.iri(address));
    }

    /** The IRI's text (read from the spill when the record is there). */
    private String iriText() {
        return iri != null ? iri.getURI() : spill.iri(address);
    }

    /** The order of records by IRI, as their IRIs' strings sort; without decoding them for records of one spill. */
    static int compareIris(StagedRecord a, StagedRecord b) {
        if (a.spill != null && a.spill == b.spill) {
            return a.spill.compareIris(a.address, b.address);
        }
        return a.iriText().compareTo(b.iriText());
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
        open();
        later.open();
        // the capture's values stand in only for what the merged record does not state: the later record's given
        // ones are left out, and this one's given value gives way to a value the later record states
        for (int k = 0; k < CAPTURE_VALUES.length; k++) {
            if ((given & (1 << k)) != 0 && later.states(CAPTURE_VALUES[k]) && !later.isGiven(CAPTURE_VALUES[k])) {
                remove(CAPTURE_VALUES[k]);
                given &= (byte) ~(1 << k);
            }
        }
        for (int i = 0; i < later.size; i += 2) {
            if (!later.isGiven(later.pairs[i])) {
                put(later.pairs[i], later.pairs[i + 1]);
            }
        }
        if (later.type != null) {
            type = later.type;
        }
        graph(later.graph);
    }

    /**
     * The properties whose value a capture states once for all its records: its source, its WARC record id, and the
     * day it was archived (the evidence date of a record whose source gave none).
     */
    static final Node[] CAPTURE_VALUES = {Tm.source, Tm.warcRecordId, Tm.evidenceDate};

    /**
     * Gives the record its capture's value of {@code CAPTURE_VALUES[k]} when it states none; remembered as given, so
     * that {@link #absorb} treats it as what a record read alone would get, not as a stated value.
     */
    void addCaptureValue(int k, Node value) {
        if (value == null || states(CAPTURE_VALUES[k])) {
            return;
        }
        add(CAPTURE_VALUES[k], value);
        given |= (byte) (1 << k);
    }

    /** Whether the record has a value of {@code p} (stated or given). */
    private boolean states(Node p) {
        return node(p) != null;
    }

    private boolean isGiven(Object p) {
        for (int k = 0; k < CAPTURE_VALUES.length; k++) {
            if ((given & (1 << k)) != 0 && CAPTURE_VALUES[k].equals(p)) {
                return true;
            }
        }
        return false;
    }

    private void remove(Node p) {
        int w = 0;
        for (int i = 0; i < size; i += 2) {
            if (!pairs[i].equals(p)) {
                pairs[w++] = pairs[i];
                pairs[w++] = pairs[i + 1];
            }
        }
        java.util.Arrays.fill(pairs, w, size, null);
        size = w;
    }

    void add(Node p, Node o) {
        open();
        put(p, plain(o) ? o.getLiteralLexicalForm() : o);
    }

    /** Adds a plain string literal ({@code xsd:string}, no language) by its text, as {@link #add} keeps one. */
    void addText(Node p, String text) {
        open();
        put(p, text);
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
        open();
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
        boolean wasPacked = packed != null;
        RecordSpill wasIn = spill;
        open();
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
        if (wasIn != null) {
            spillTo(wasIn);
        } else if (wasPacked) {
            pack(dictionary);
        }
    }

    /** Whether the values are packed (on the heap or in a spill). */
    boolean packed() {
        return packed != null || spill != null;
    }

    /** Whether the record is in a spill. */
    boolean spilled() {
        return spill != null;
    }

    /**
     * Packs the record ({@link #pack(Dictionary)}, with the spill's dictionary) and moves its IRI and packed values
     * into {@code to}: the heap keeps the record's address there. A record that stays unpacked (a blank node) stays
     * on the heap.
     */
    void spillTo(RecordSpill to) {
        if (spill != null) {
            return;
        }
        pack(to.dictionary());
        if (packed == null) {
            return;
        }
        address = to.put(iri.getURI(), packed);
        spill = to;
        packed = null;
        iri = null;
    }

    /** The packed values: on the heap, or read from the spill; null while they are in {@link #pairs}. */
    private byte[] packedValues() {
        if (spill == null) {
            return packed;
        }
        if (view) {
            if (viewValues == null) {
                viewValues = spill.values(address);
            }
            return viewValues;
        }
        return spill.values(address);
    }

    /**
     * Sorts the values ({@link #sort}) and packs them into one byte array; a later change unpacks them again. A record
     * holding a value that is neither a string, an IRI nor a literal (a blank node) stays unpacked.
     */
    void pack() {
        pack(null);
    }

    /**
     * As {@link #pack()}, keeping values that many records share (a source, a date, a country, a status) once in
     * {@code shared} (null: none): the record holds their numbers.
     */
    void pack(Dictionary shared) {
        if (packed != null || spill != null) {
            return;
        }
        sort();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(size * 24);
        for (int i = 0; i < size; i += 2) {
            Object v = pairs[i + 1];
            int property = PROPERTIES.of((Node) pairs[i]);
            varint(out, property);
            int number = shared == null ? -1 : shared.number(property, v);
            if (number >= 0) {
                out.write(SHARED);
                varint(out, number);
            } else if (v instanceof String text) {
                out.write(PLAIN);
                bytes(out, text);
            } else {
                Node o = (Node) v;
                if (o.isURI()) {
                    out.write(URI);
                    bytes(out, o.getURI());
                } else if (o.isLiteral() && !o.getLiteralLanguage().isEmpty()) {
                    out.write(LANGUAGE);
                    bytes(out, o.getLiteralLexicalForm());
                    bytes(out, o.getLiteralLanguage());
                } else if (o.isLiteral()) {
                    out.write(TYPED);
                    bytes(out, o.getLiteralLexicalForm());
                    varint(out, DATATYPES.of(o.getLiteralDatatypeURI()));
                } else {
                    return; // kept as it is
                }
            }
        }
        packed = out.toByteArray();
        dictionary = shared;
        pairs = null;
        size = 0;
    }

    /**
     * Values numbered per property as records are packed, up to {@value #LIMIT} a property: the values many records
     * share are kept once (a property whose values are mostly distinct, a name, an LEI, a URL, stops taking new
     * ones at the limit; what it took is still shared). Safe to use from several threads. One per read of the
     * staging store.
     */
    static final class Dictionary {
        static final int LIMIT = 4_096;
        private final java.util.concurrent.ConcurrentHashMap<Integer, Numbered<Object>> byProperty =
                new java.util.concurrent.ConcurrentHashMap<>();

        /** The value's number for this property, or -1 when the property is full and does not hold it. */
        int number(int property, Object value) {
            return byProperty.computeIfAbsent(property, p -> new Numbered<>()).of(value, LIMIT);
        }

        Object value(int property, int number) {
            return byProperty.get(property).get(number);
        }
    }

    /** Unpacks the values into pairs again (to change them). */
    private void open() {
        if (spill != null) {
            packed = spill.values(address);
            iri = NodeFactory.createURI(spill.iri(address));
            viewValues = null;
            spill = null; // the dictionary the values were packed with stays the record's
        }
        if (packed == null) {
            return;
        }
        List<Object> values = new ArrayList<>();
        for (Cursor c = new Cursor(packed, dictionary); c.next(); ) {
            values.add(c.property());
            values.add(c.value());
        }
        pairs = values.toArray();
        size = pairs.length;
        packed = null;
    }

    private static void varint(java.io.ByteArrayOutputStream out, int v) {
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static void bytes(java.io.ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        varint(out, b.length);
        out.write(b, 0, b.length);
    }

    /** Reads packed values one after the other: {@link #next}, then the property and, when wanted, the value. */
    private static final class Cursor {
        private final byte[] b;
        private final Dictionary dictionary;
        private int pos;
        private int property;
        private int kind;
        private int start;
        private int length;
        /** A shared value's number. */
        private int number;

        Cursor(byte[] b, Dictionary dictionary) {
            this.b = b;
            this.dictionary = dictionary;
        }

        boolean next() {
            if (pos >= b.length) {
                return false;
            }
            property = varint();
            kind = b[pos++];
            if (kind == SHARED) {
                number = varint();
                return true;
            }
            length = varint();
            start = pos;
            pos += length;
            if (kind == LANGUAGE) {
                int n = varint();
                pos += n;
            } else if (kind == TYPED) {
                varint();
            }
            return true;
        }

        /** The value's property number ({@link #PROPERTIES}): compared instead of the property's IRI. */
        int propertyNumber() {
            return property;
        }

        Node property() {
            return PROPERTIES.get(property);
        }

        /** The value's text: a string's, a URI's or a literal's lexical form. */
        String text() {
            if (kind == SHARED) {
                return textOf(dictionary.value(property, number));
            }
            return new String(b, start, length, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** Whether the value is a URI. */
        boolean uri() {
            return kind == URI || kind == SHARED && dictionary.value(property, number) instanceof Node n && n.isURI();
        }

        /** The value as it was added: a String for a plain string, else its node. */
        Object value() {
            if (kind == SHARED) {
                return dictionary.value(property, number);
            }
            String text = text();
            int after = start + length;
            switch (kind) {
                case PLAIN:
                    return text;
                case URI:
                    return NodeFactory.createURI(text);
                case LANGUAGE: {
                    int[] at = {after};
                    int n = varintAt(at);
                    return NodeFactory.createLiteralLang(text,
                            new String(b, at[0], n, java.nio.charset.StandardCharsets.UTF_8));
                }
                default: {
                    int[] at = {after};
                    String datatype = DATATYPES.get(varintAt(at));
                    return NodeFactory.createLiteralDT(text,
                            org.apache.jena.datatypes.TypeMapper.getInstance().getSafeTypeByName(datatype));
                }
            }
        }

        private int varint() {
            int[] at = {pos};
            int v = varintAt(at);
            pos = at[0];
            return v;
        }

        private int varintAt(int[] at) {
            int v = 0;
            for (int shift = 0; ; shift += 7) {
                int x = b[at[0]++];
                v |= (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
        }
    }

    /** Values numbered in the order first seen, for all records (safe to use from several threads). */
    private static final class Numbered<T> {
        private final java.util.concurrent.ConcurrentHashMap<T, Integer> numbers =
                new java.util.concurrent.ConcurrentHashMap<>();
        private volatile Object[] values = new Object[0];

        int of(T value) {
            return of(value, Integer.MAX_VALUE);
        }

        /** The value's number; a new value gets the next one, unless {@code limit} values are numbered (then -1). */
        int of(T value, int limit) {
            Integer n = numbers.get(value);
            if (n != null) {
                return n;
            }
            // a full table (a property of mostly distinct values: names, LEIs) takes nothing more; no lock for that
            return values.length >= limit ? -1 : add(value, limit);
        }

        /** The value's number, or -1 when it has none (nothing is added). */
        int numberOf(T value) {
            Integer n = numbers.get(value);
            return n == null ? -1 : n;
        }

        private synchronized int add(T value, int limit) {
            Integer n = numbers.get(value);
            if (n != null) {
                return n;
            }
            if (values.length >= limit) {
                return -1;
            }
            Object[] grown = java.util.Arrays.copyOf(values, values.length + 1);
            grown[values.length] = value;
            values = grown; // published before the number, so a reader finding the number finds the value
            numbers.put(value, values.length - 1);
            return values.length - 1;
        }

        @SuppressWarnings("unchecked")
        T get(int n) {
            return (T) values[n];
        }
    }

    public String text(Node p) {
        byte[] packed = packedValues();
        if (packed != null) {
            int want = PROPERTIES.numberOf(p);
            if (want < 0) {
                return null; // no packed record holds a property never numbered
            }
            for (Cursor c = new Cursor(packed, dictionary); c.next(); ) {
                if (c.propertyNumber() == want) {
                    return c.text();
                }
            }
            return null;
        }
        for (int i = 0; i < size; i += 2) {
            if (pairs[i].equals(p)) {
                return textOf(pairs[i + 1]);
            }
        }
        return null;
    }

    public List<String> texts(Node p) {
        List<String> out = new ArrayList<>();
        byte[] packed = packedValues();
        if (packed != null) {
            int want = PROPERTIES.numberOf(p);
            for (Cursor c = new Cursor(packed, dictionary); want >= 0 && c.next(); ) {
                if (c.propertyNumber() == want) {
                    out.add(c.uri() ? c.value().toString() : c.text());
                }
            }
        } else {
            for (int i = 0; i < size; i += 2) {
                if (pairs[i].equals(p)) {
                    Object v = pairs[i + 1];
                    out.add(v instanceof String s ? s : ((Node) v).isLiteral() ? ((Node) v).getLiteralLexicalForm()
                            : v.toString());
                }
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
        byte[] packed = packedValues();
        if (packed != null) {
            int want = PROPERTIES.numberOf(p);
            for (Cursor c = new Cursor(packed, dictionary); want >= 0 && c.next(); ) {
                if (c.propertyNumber() == want) {
                    out.add(asNode(c.value()));
                }
            }
            return out;
        }
        for (int i = 0; i < size; i += 2) {
            if (pairs[i].equals(p)) {
                out.add(asNode(pairs[i + 1]));
            }
        }
        return out;
    }

    /** The first value of {@code p} in the record's order, or null. */
    public Node node(Node p) {
        byte[] packed = packedValues();
        if (packed != null) {
            int want = PROPERTIES.numberOf(p);
            for (Cursor c = new Cursor(packed, dictionary); want >= 0 && c.next(); ) {
                if (c.propertyNumber() == want) {
                    return asNode(c.value());
                }
            }
            return null;
        }
        for (int i = 0; i < size; i += 2) {
            if (pairs[i].equals(p)) {
                return asNode(pairs[i + 1]);
            }
        }
        return null;
    }

    /** The properties of a {@link Provenance}, in its order. */
    private static final Node[] PROVENANCE = {Tm.source, Tm.evidenceUrl, Tm.evidenceDate, Tm.warcRecordId,
            Tm.recordRef, Tm.confidence};

    /** The record's provenance: the first value of each of its six properties, read in one pass over the values. */
    public Provenance provenance() {
        String[] v = new String[PROVENANCE.length];
        byte[] packed = packedValues();
        if (packed != null) {
            int[] want = new int[PROVENANCE.length];
            for (int i = 0; i < want.length; i++) {
                want[i] = PROPERTIES.numberOf(PROVENANCE[i]);
            }
            for (Cursor c = new Cursor(packed, dictionary); c.next(); ) {
                for (int i = 0; i < want.length; i++) {
                    if (c.propertyNumber() == want[i] && v[i] == null) {
                        v[i] = c.text();
                        break;
                    }
                }
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = text(PROVENANCE[i]);
            }
        }
        return new Provenance(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    @Override
    public String toString() {
        return iriText();
    }
}
