package org.trustmap.crawler.sources.gleif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ErrorPolicy;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;

class GleifBadInputTest {
    private static final String FILE = "file:///data/gleif/";

    @Test
    void truncatedXmlKeepsTheRecordsBeforeAndNamesTheRecordWhereItBroke() {
        String xml = GleifStaged.text("goldencopy_lei-data.xml");
        int third = nthIndexOf(xml, "<lei:LEIRecord ", 3);
        GleifStaged staged = GleifStaged.parse(xml.substring(0, third + 600), FILE + "lei-cut.xml");

        assertThat(staged.count(Tm.Organization)).isEqualTo(2);
        assertThat(staged.value("lei/004L5FPTUREIWK9T2N63", Tm.name)).isEqualTo("Hutchin Hill Capital, LP");
        assertThat(staged.problems).singleElement().satisfies(p -> {
            assertThat(p.document()).isEqualTo("lei-cut.xml");
            assertThat(p.location()).isEqualTo("record 3");
            assertThat(p.reason()).contains("not well-formed");
        });
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void xmlRecordWithoutLegalNameIsRejectedAndTheRestIsStaged() {
        String xml = GleifStaged.text("goldencopy_lei-data.xml")
                .replace("<lei:LegalName xml:lang=\"en\">Hutchin Hill Capital, LP</lei:LegalName>", "");
        GleifStaged staged = GleifStaged.parse(xml, FILE + "lei-data.xml");

        assertThat(staged.problems).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("record 2");
            assertThat(p.reason()).isEqualTo("LEI 004L5FPTUREIWK9T2N63 has no LegalName");
        });
        assertThat(staged.has("lei/004L5FPTUREIWK9T2N63")).isFalse();
        assertThat(staged.count(Tm.Organization)).isEqualTo(12);
    }

    @Test
    void relationshipWithANonLeiNodeIsRejectedAndTheRestIsStaged() {
        String xml = GleifStaged.text("goldencopy_rr-with-quantifiers.xml").replace(
                "<rr:NodeID>549300JB1P61FUTPEZ75</rr:NodeID>\n         <rr:NodeIDType>LEI</rr:NodeIDType>",
                "<rr:NodeID>549300JB1P61FUTPEZ75</rr:NodeID>\n         <rr:NodeIDType>NATURAL_PERSON</rr:NodeIDType>");
        GleifStaged staged = GleifStaged.parse(xml, FILE + "rr.xml");

        assertThat(staged.problems).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("record 5");
            assertThat(p.reason()).isEqualTo("EndNode NodeIDType NATURAL_PERSON is not supported (only LEI)");
        });
        assertThat(staged.links()).hasSize(6);
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void csvRowWithABadLeiIsRejectedByLineAndTheRestIsStaged() {
        String csv = GleifStaged.text("goldencopy_lei2-constructed.csv")
                .replace("\"004L5FPTUREIWK9T2N63\"", "\"004L5FPTUREIWK9T2N64\"");
        GleifStaged staged = GleifStaged.parse(csv, FILE + "lei2.csv");

        assertThat(staged.problems).singleElement().satisfies(p -> {
            assertThat(p.document()).isEqualTo("lei2.csv");
            assertThat(p.location()).isEqualTo("line 3");
            assertThat(p.reason()).isEqualTo("LEI '004L5FPTUREIWK9T2N64' is not a valid LEI");
        });
        assertThat(staged.count(Tm.Organization)).isEqualTo(4);
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void csvRowWithMissingFieldsIsRejectedByLine() {
        String csv = GleifStaged.text("goldencopy_repex-constructed.csv")
                + "\"01370W6ZIY66KQ4J3570\",\"ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT\"\n";
        GleifStaged staged = GleifStaged.parse(csv, FILE + "repex.csv");

        assertThat(staged.problems).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("line 12");
            assertThat(p.reason()).isEqualTo("row has 2 fields, the header has 12");
        });
        assertThat(staged.count(Tm.Organization)).isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource({"150", "-1", "abc"})
    void shareThatIsNotAPercentageIsRejected(String replacement) {
        String csv = GleifStaged.text("goldencopy_rr-constructed.csv")
                .replaceFirst("\"ACCOUNTING_CONSOLIDATION\",\"1\\.00\"", "\"ACCOUNTING_CONSOLIDATION\",\"" + replacement + "\"");
        GleifStaged staged = GleifStaged.parse(csv, FILE + "rr.csv");

        assertThat(staged.problems).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("line 7");
            assertThat(p.reason()).startsWith("QuantifierAmount").contains(replacement);
        });
        assertThat(staged.links()).hasSize(6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <<this is not xml                         | not XML
            <html><body>GLEIF</body></html>           | root element <html> is not LEIData
            '{"errors":[{"status":"404","title":"Not Found"}]}' | no top-level 'data' (errors: Not Found)
            {"data":                                  | not JSON
            'name,country\nACME,CN\n'                 | not a GLEIF golden-copy CSV
            '  \n\t '                                 | the document is empty
            """)
    void unreadableDocumentThrowsNamingTheDocument(String body, String reason) {
        assertThatThrownBy(() -> GleifStaged.parse(body.replace("\\n", "\n").replace("\\t", "\t"),
                FILE + "broken.dat"))
                .isInstanceOf(SourceParseException.class)
                .hasMessageStartingWith("broken.dat: ")
                .hasMessageContaining(reason);
    }

    @Test
    void strictPolicyStopsAtTheFirstBadRecord() {
        String csv = GleifStaged.text("goldencopy_lei2-constructed.csv")
                .replace("\"004L5FPTUREIWK9T2N63\"", "\"004L5FPTUREIWK9T2N64\"");
        Capture capture = new Capture("gleif", FILE + "lei2.csv", "text/csv", Instant.parse("2025-06-01T10:00:00Z"),
                "<urn:uuid:0d5e7c1e-8a63-4b0b-9e11-3f4a2c6b9d01>", "sha256:x", "a.warc.gz", 0);
        RecordSink sink = new RecordSink(StreamRDFLib.dataset(DatasetGraphFactory.createTxnMem()), capture);

        assertThatThrownBy(() -> new GleifParser().parse(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                new ParseContext(capture, ErrorPolicy.strict()), sink))
                .isInstanceOf(SourceParseException.class)
                .hasMessageStartingWith("lei2.csv line 3: LEI '004L5FPTUREIWK9T2N64' is not a valid LEI");
        assertThat(sink.records()).isEqualTo(1);
    }

    @Test
    void formatIsRecognizedAfterAByteOrderMarkAndWhitespace() {
        byte[] xml = GleifStaged.bytes("goldencopy_repex-data.xml");
        GleifStaged csvWithBom = GleifStaged.parse(withBom(GleifStaged.bytes("goldencopy_repex-constructed.csv")),
                FILE + "repex.csv");
        assertThat(csvWithBom.problems).isEmpty();
        assertThat(csvWithBom.count(Tm.Organization)).isEqualTo(10);
        GleifStaged xmlWithBom = GleifStaged.parse(withBom(xml), FILE + "repex.xml");
        assertThat(xmlWithBom.count(Tm.Organization)).isEqualTo(10);
    }

    private static byte[] withBom(byte[] bytes) {
        byte[] body = new byte[bytes.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(bytes, 0, body, 3, bytes.length);
        return body;
    }

    private static int nthIndexOf(String text, String needle, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(needle, at + 1);
        }
        return at;
    }
}
