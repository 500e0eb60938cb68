package org.trustmap.graph.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * A read-only Thrift transport over a file that exposes its buffer to the protocol. Thrift's compact protocol reads
 * a byte, a varint or a short string straight out of the transport's buffer when the transport has one; the stream
 * transport Jena's RDF Thrift reader uses has none, so every byte went through a synchronized
 * {@code BufferedInputStream.read}: decoding a 470 MB staged copy took 2.9 s that way and 1.8 s through this one
 * (warm, same triples). No message-size limit: a staged copy is one long stream of rows, not a message.
 *
 * <p>The end of the file is the end of the rows only where a row ended ({@link #rowRead}): Jena's reader takes any
 * end of the input as the end of the stream, so a copy cut inside a row would read as a shorter graph. Here it is
 * an error naming the file and the byte. (A copy cut exactly between two rows cannot be told from a whole one;
 * copies are named only once complete, see the staging store.)
 */
final class ThriftFileInput extends TTransport {
    private static final int SIZE = 1 << 16;
    private final Path file;
    private final InputStream in;
    private final byte[] buf = new byte[SIZE];
    private final TConfiguration configuration = new TConfiguration(Integer.MAX_VALUE, Integer.MAX_VALUE,
            TConfiguration.DEFAULT_RECURSION_DEPTH);
    private int pos;
    private int limit;
    /** Bytes of the file before the buffer's start. */
    private long base;
    /** Where the last complete row ended. */
    private long rowEnd;

    private ThriftFileInput(Path file) throws IOException {
        this.file = file;
        this.in = Files.newInputStream(file);
    }

    /** A triple of a staged copy; its object is a {@link String} for a plain string literal, else a node. */
    interface TripleSink {
        void triple(org.apache.jena.graph.Node s, org.apache.jena.graph.Node p, Object o);
    }

    /**
     * Reads an RDF Thrift file of triples into {@code sink}; a file cut inside a row is an
     * {@link java.io.UncheckedIOException}. The terms are made here rather than through Jena's converter: a subject
     * repeated from the triple before (a copy holds a record's triples together) is the same node without a look-up,
     * a predicate is looked up once per file (the vocabulary's own node when it is one,
     * {@link org.trustmap.crawler.Tm#term}), a plain string stays a string and a datatype is looked up when it
     * changes. Jena's converter hashed every IRI into its node cache (7-14 % of resolve's read at 1 M). Terms of
     * other kinds (blank nodes, prefixed names, language tags, values) go through Jena's converter. A quad is an
     * error: a staged copy holds one graph's triples.
     */
    static void parseTriples(Path file, TripleSink sink) throws IOException {
        ThriftFileInput input = new ThriftFileInput(file);
        try {
            Terms terms = new Terms();
            org.apache.jena.riot.thrift.ThriftRDF.apply(org.apache.jena.riot.thrift.TRDF.protocol(input), row -> {
                input.rowRead();
                if (row.isSetTriple()) {
                    org.apache.jena.riot.thrift.wire.RDF_Triple t = row.getTriple();
                    sink.triple(terms.subject(t.getS()), terms.predicate(t.getP()), terms.object(t.getO()));
                } else if (row.isSetPrefixDecl()) {
                    terms.prefixes.add(row.getPrefixDecl().getPrefix(), row.getPrefixDecl().getUri());
                } else if (row.isSetQuad()) {
                    throw new IllegalStateException(file + " holds a quad; a staged copy holds one graph's triples");
                }
            });
        } finally {
            input.close();
        }
    }

    /** Makes the terms of one file's triples. */
    private static final class Terms {
        private static final String XSD_STRING = org.apache.jena.datatypes.xsd.XSDDatatype.XSDstring.getURI();
        private final org.apache.jena.riot.system.PrefixMap prefixes =
                org.apache.jena.riot.system.PrefixMapFactory.create();
        private final java.util.Map<String, org.apache.jena.graph.Node> predicates = new java.util.HashMap<>();
        private String subjectIri;
        private org.apache.jena.graph.Node subject;
        private String datatypeIri;
        private org.apache.jena.datatypes.RDFDatatype datatype;

        org.apache.jena.graph.Node subject(org.apache.jena.riot.thrift.wire.RDF_Term t) {
            if (!t.isSetIri()) {
                return org.apache.jena.riot.thrift.ThriftConvert.convert(t, prefixes);
            }
            String iri = t.getIri().getIri();
            if (!iri.equals(subjectIri)) {
                subjectIri = iri;
                subject = org.apache.jena.graph.NodeFactory.createURI(iri);
            }
            return subject;
        }

        org.apache.jena.graph.Node predicate(org.apache.jena.riot.thrift.wire.RDF_Term t) {
            if (!t.isSetIri()) {
                return org.apache.jena.riot.thrift.ThriftConvert.convert(t, prefixes);
            }
            return predicates.computeIfAbsent(t.getIri().getIri(), iri -> {
                org.apache.jena.graph.Node term = org.trustmap.crawler.Tm.term(iri);
                return term != null ? term : org.apache.jena.graph.NodeFactory.createURI(iri);
            });
        }

        Object object(org.apache.jena.riot.thrift.wire.RDF_Term t) {
            if (t.isSetIri()) {
                return org.apache.jena.graph.NodeFactory.createURI(t.getIri().getIri());
            }
            if (t.isSetLiteral()) {
                org.apache.jena.riot.thrift.wire.RDF_Literal l = t.getLiteral();
                if (!l.isSetLangtag() && !l.isSetBaseDirection() && !l.isSetDtPrefix()) {
                    if (!l.isSetDatatype() || XSD_STRING.equals(l.getDatatype())) {
                        return l.getLex();
                    }
                    if (!l.getDatatype().equals(datatypeIri)) {
                        datatypeIri = l.getDatatype();
                        datatype = org.apache.jena.datatypes.TypeMapper.getInstance().getSafeTypeByName(datatypeIri);
                    }
                    return org.apache.jena.graph.NodeFactory.createLiteralDT(l.getLex(), datatype);
                }
            }
            return org.apache.jena.riot.thrift.ThriftConvert.convert(t, prefixes);
        }
    }

    /** Tells the input that a row has been read whole: the file may end here. */
    private void rowRead() {
        rowEnd = base + pos;
    }

    /** Refills the buffer once it is used up; false at the end of the file. */
    private boolean fill() throws TTransportException {
        if (pos < limit) {
            return true;
        }
        try {
            int n = in.read(buf, 0, SIZE);
            if (n <= 0) {
                return false;
            }
            base += limit;
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new TTransportException(e);
        }
    }

    @Override
    public int read(byte[] into, int off, int len) throws TTransportException {
        if (!fill()) {
            long at = base + pos;
            if (at == rowEnd) {
                throw new TTransportException(TTransportException.END_OF_FILE, "end of file");
            }
            // unchecked: Jena's reader would take any transport exception for the end or go on reading
            throw new java.io.UncheckedIOException(new java.io.EOFException(file + " ends inside a row (byte " + at
                    + ", the last whole row ended at byte " + rowEnd + "): the copy is cut short"));
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, into, off, n);
        pos += n;
        return n;
    }

    @Override
    public byte[] getBuffer() {
        return buf;
    }

    @Override
    public int getBufferPosition() {
        return pos;
    }

    @Override
    public int getBytesRemainingInBuffer() {
        try {
            return fill() ? limit - pos : 0;
        } catch (TTransportException e) {
            return 0; // the next read() reports it
        }
    }

    @Override
    public void consumeBuffer(int len) {
        pos += len;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void open() {
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public TConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public void updateKnownMessageSize(long size) {
    }

    @Override
    public void checkReadBytesAvailable(long numBytes) {
    }
}
