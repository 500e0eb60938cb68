package org.trustmap.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staged copies' reader: the triples Jena's own RDF Thrift reader gives, across many buffer refills and with
 * values longer than the buffer; a file cut inside a row is an error naming the file (Jena's reader takes it for a
 * shorter graph). The file is CONSTRUCTED here, written the way the staging store writes its copies.
 */
class ThriftFileInputTest {
    @TempDir
    Path dir;
    private Path file;
    private List<Triple> written;

    @BeforeEach
    void write() throws IOException {
        file = dir.resolve("copy.rt");
        written = new ArrayList<>();
        Node[] predicates = {NodeFactory.createURI("urn:trustmap:ns:name"), NodeFactory.createURI("urn:trustmap:ns:evidenceDate"),
                NodeFactory.createURI("urn:trustmap:ns:parent"), NodeFactory.createURI("urn:trustmap:ns:share")};
        for (int i = 0; i < 30_000; i++) {
            // a record's triples together, as staging writes them: three triples a subject
            Node s = NodeFactory.createURI("urn:trustmap:rec:test:lei%2F" + i / 3);
            Node o = switch (i % 7) {
                // a name now and then longer than the 64 KB buffer, some not Latin-1
                case 0 -> NodeFactory.createLiteralString(i % 1_000 == 0 ? "Ä".repeat(70_000) + i : "名称 " + i);
                case 1 -> NodeFactory.createLiteralDT("2026-0" + (1 + i % 9) + "-01", XSDDatatype.XSDdate);
                case 2 -> NodeFactory.createURI("urn:trustmap:rec:test:lei%2F" + (i / 2));
                case 3 -> NodeFactory.createLiteralLang("part " + i, "en");
                case 4 -> NodeFactory.createLiteralDT("0." + i, XSDDatatype.XSDdecimal);
                case 5 -> NodeFactory.createBlankNode("b" + i);
                default -> NodeFactory.createLiteralDT("text " + i, XSDDatatype.XSDstring);
            };
            Node p = i % 11 == 0 ? org.apache.jena.vocabulary.RDF.type.asNode() : predicates[i % 4];
            written.add(Triple.create(s, p, o));
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StreamRDF writer = StreamRDFWriter.getWriterStream(out, RDFFormat.RDF_THRIFT);
            writer.start();
            written.forEach(writer::triple);
            writer.finish();
        }
        assertThat(Files.size(file)).isGreaterThan(20L << 16); // many refills of the buffer
    }

    @Test
    void readsTheTriplesJenasReaderReads() throws IOException {
        List<Triple> jena = new ArrayList<>();
        RDFParser.source(file).lang(Lang.RDFTHRIFT).parse(collect(jena));

        assertThat(jena).isEqualTo(written);
        assertThat(readTriples(file)).isEqualTo(written);
    }

    @Test
    void theTriplesReaderGivesPlainStringsAsTextTheVocabularysOwnPredicatesAndOneNodePerRepeatedSubject()
            throws IOException {
        List<Object[]> read = new ArrayList<>();
        ThriftFileInput.parseTriples(file, (s, p, o) -> read.add(new Object[] {s, p, o}));
        assertThat(read).hasSize(written.size());
        for (int i = 0; i < read.size(); i++) {
            Node o = written.get(i).getObject();
            boolean plain = o.isLiteral() && o.getLiteralLanguage().isEmpty()
                    && XSDDatatype.XSDstring.getURI().equals(o.getLiteralDatatypeURI());
            assertThat(read.get(i)[2]).isEqualTo(plain ? o.getLiteralLexicalForm() : o);
            if (i > 0 && written.get(i).getSubject().equals(written.get(i - 1).getSubject())) {
                assertThat(read.get(i)[0]).isSameAs(read.get(i - 1)[0]);
            }
        }
        Object name = read.stream().filter(t -> t[1].equals(org.trustmap.crawler.Tm.name)).findFirst().orElseThrow()[1];
        assertThat(name).isSameAs(org.trustmap.crawler.Tm.name);
    }

    @Test
    void aFileCutInsideARowIsAnErrorNamingTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(file);
        for (int cut : new int[] {whole.length - 1, whole.length / 2 + 7, (1 << 16) + 3, 5}) {
            Path cutFile = dir.resolve("cut-" + cut + ".rt");
            Files.write(cutFile, Arrays.copyOf(whole, cut));

            List<Triple> jena = new ArrayList<>();
            RDFParser.source(cutFile).lang(Lang.RDFTHRIFT).parse(collect(jena));
            assertThat(jena).as("Jena's reader ends quietly at the cut").hasSizeLessThan(written.size());

            assertThatThrownBy(() -> readTriples(cutFile))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(cutFile.toString())
                    .hasMessageContaining("ends inside a row");
        }
    }

    @Test
    void anEmptyFileHoldsNoTriples() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.rt"));
        assertThat(readTriples(empty)).isEmpty();
    }

    /** The triples {@link ThriftFileInput#parseTriples} reads, a plain string's text made a literal again. */
    private static List<Triple> readTriples(Path from) throws IOException {
        List<Triple> read = new ArrayList<>();
        ThriftFileInput.parseTriples(from, (s, p, o) -> read.add(Triple.create(s, p,
                o instanceof String text ? NodeFactory.createLiteralString(text) : (Node) o)));
        return read;
    }

    private static StreamRDF collect(List<Triple> into) {
        return new StreamRDFBase() {
            @Override
            public void triple(Triple triple) {
                into.add(triple);
            }
        };
    }
}
