package org.trustmap.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.riot.thrift.StreamRDF2Thrift;
import org.apache.jena.riot.thrift.TRDF;
import org.junit.jupiter.api.Test;

class ThriftFileOutputTest {

    /** Triples of every term kind, enough to fill the 64 KiB buffer many times, and values longer than it. */
    private static List<Triple> triples() {
        List<Triple> triples = new ArrayList<>();
        Node type = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
        for (int i = 0; i < 20_000; i++) {
            Node s = NodeFactory.createURI("https://trustmap.example/record/gleif:abc:lei%2F" + i);
            triples.add(Triple.create(s, type, Tm.Organization));
            triples.add(Triple.create(s, Tm.name, NodeFactory.createLiteralString("Synthetic Entity " + i + " 有限公司")));
            triples.add(Triple.create(s, Tm.name, NodeFactory.createLiteralLang("Entité " + i, "fr")));
            triples.add(Triple.create(s, Tm.evidenceDate, NodeFactory.createLiteralDT("2025-09-0" + (1 + i % 9),
                    XSDDatatype.XSDdate)));
            triples.add(Triple.create(s, Tm.share, NodeFactory.createLiteralDT(i + ".5", XSDDatatype.XSDdecimal)));
            if (i % 5_000 == 0) {
                triples.add(Triple.create(s, Tm.recordRef, NodeFactory.createLiteralString("x".repeat(70_000 + i))));
            }
        }
        return triples;
    }

    @Test
    void writesTheBytesJenasWriterWrites() {
        List<Triple> triples = triples();
        ByteArrayOutputStream jena = new ByteArrayOutputStream();
        StreamRDF reference = StreamRDFWriter.getWriterStream(jena, RDFFormat.RDF_THRIFT);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        StreamRDF buffered = new StreamRDF2Thrift(TRDF.protocol(new ThriftFileOutput(ours)), false);
        for (StreamRDF out : List.of(reference, buffered)) {
            out.start();
            triples.forEach(out::triple);
            out.finish();
        }
        assertThat(ours.size()).isGreaterThan(4 << 20);
        assertThat(ours.toByteArray()).isEqualTo(jena.toByteArray());

        List<Triple> back = new ArrayList<>();
        RDFParser.source(new ByteArrayInputStream(ours.toByteArray())).lang(Lang.RDFTHRIFT)
                .parse(new StreamRDFBase() {
                    @Override
                    public void triple(Triple t) {
                        back.add(t);
                    }
                });
        assertThat(back).isEqualTo(triples);
    }

    @Test
    void nothingReachesTheStreamBeforeTheBufferIsFullOrFlushed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ThriftFileOutput transport = new ThriftFileOutput(out);
        transport.write(new byte[100], 0, 100);
        assertThat(out.size()).isZero();
        transport.write(new byte[(1 << 16) - 100], 0, (1 << 16) - 100);
        assertThat(out.size()).isZero();
        transport.write(new byte[1], 0, 1);
        assertThat(out.size()).isEqualTo(1 << 16);
        transport.flush();
        assertThat(out.size()).isEqualTo((1 << 16) + 1);
    }
}
