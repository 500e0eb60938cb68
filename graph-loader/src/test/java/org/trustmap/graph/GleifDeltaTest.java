package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GLEIF LastDay delta staged next to the full golden copy (two {@code --input gleif=} files): of the records
 * with the same LEI (relationship: start, type, end) the newest counts, and every other record stays as the full
 * file has it. The deltas are CONSTRUCTED here from real golden-copy records: one record's values changed (marked
 * below), its LastUpdateDate moved, under the real header with a later ContentDate.
 */
class GleifDeltaTest {
    static final String FUND = "001GPB6A9XPE8XJICC14"; // Fidelity Advisor Leveraged Company Stock Fund, Boston, US
    static final String CHILD = "097900BJGO0000201513";
    static final String PARENT = "9845002B9874D50A4531";

    @TempDir
    Path dir;
    Pipeline pipeline;

    @BeforeEach
    void start() throws IOException {
        pipeline = new Pipeline(dir.resolve("pipeline"));
    }

    @AfterEach
    void stop() throws IOException {
        pipeline.close();
    }

    static String fixture(String name) throws IOException {
        return new String(Pipeline.resource("fixtures/gleif/" + name), StandardCharsets.UTF_8);
    }

    /** A delta of one record of a golden copy: its header with another ContentDate, the record, the closing tags. */
    static String delta(String full, String open, String close, String lei, Function<String, String> change,
                        String contentDate) {
        int first = full.indexOf(open);
        String header = full.substring(0, first).replaceFirst("<(\\w+):ContentDate>[^<]*<", "<$1:ContentDate>"
                + contentDate + "<").replaceFirst("<(\\w+):RecordCount>\\d+<", "<$1:RecordCount>1<");
        String footer = full.substring(full.lastIndexOf(close) + close.length());
        for (int at = first; at >= 0; at = full.indexOf(open, at + 1)) {
            String record = full.substring(at, full.indexOf(close, at) + close.length());
            if (record.contains(lei)) {
                return header + change.apply(record) + footer;
            }
        }
        throw new IllegalArgumentException(lei + " is not in the file");
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    static Map<String, List<String>> legalAddressCountries(ResolvedGraph g) {
        return g.basedIn().stream().filter(b -> b.basis().equals("LEGAL_ADDRESS"))
                .collect(Collectors.groupingBy(ResolvedGraph.BasedIn::orgId, java.util.TreeMap::new,
                        Collectors.mapping(ResolvedGraph.BasedIn::code, Collectors.toList())));
    }

    @ParameterizedTest(name = "delta LastUpdateDate {0}: {1} wins")
    @CsvSource({
            "2023-06-05T16:02:11.000Z, CA",  // updated after the full file's record (2023-05-18): the delta counts
            "2023-05-01T09:00:00.000Z, US"}) // a stale record, older than the full file's: the full file's counts
    void theNewerRecordOfAnLeiWinsAndTheOtherRecordsStay(String lastUpdate, String country) throws IOException {
        String full = fixture("goldencopy_lei-data.xml");
        // CONSTRUCTED: the fund's real record with its legal address moved to Toronto, CA
        String delta = delta(full, "<lei:LEIRecord ", "</lei:LEIRecord>", FUND, record -> record
                .replaceFirst("(<lei:LegalAddress[^>]*>)[\\s\\S]*?(</lei:LegalAddress>)",
                        "$1<lei:FirstAddressLine>100 KING STREET WEST</lei:FirstAddressLine><lei:City>TORONTO</lei:City>"
                                + "<lei:Region>CA-ON</lei:Region><lei:Country>CA</lei:Country>"
                                + "<lei:PostalCode>M5X 1A9</lei:PostalCode>$2")
                .replaceFirst("<lei:LastUpdateDate>[^<]*<", "<lei:LastUpdateDate>" + lastUpdate + "<"),
                "2023-06-05T16:30:00Z");
        pipeline.source("gleif", write("20230605-0800-gleif-goldencopy-lei2-golden-copy.xml",
                fixture("goldencopy_lei-data.xml")));
        Map<String, List<String>> before = legalAddressCountries(pipeline.resolve());
        pipeline.source("gleif", write("20230605-1600-gleif-goldencopy-lei2-last-day.xml", delta));

        ResolvedGraph g = pipeline.resolve();

        assertThat(pipeline.problems()).isEmpty();
        assertThat(before.get("lei:" + FUND)).containsExactly("US");
        Map<String, List<String>> after = legalAddressCountries(g);
        assertThat(after.get("lei:" + FUND)).as("one legal address: the newer record's").containsExactly(country);
        ResolvedGraph.Org fund = g.organizations().stream().filter(o -> o.id().equals("lei:" + FUND)).findFirst()
                .orElseThrow();
        assertThat(fund.legalCountry()).isEqualTo(country);
        assertThat(fund.name()).isEqualTo("Fidelity Advisor Leveraged Company Stock Fund");
        assertThat(fund.hqCountry()).as("unchanged in the delta").isEqualTo("US");
        after.remove("lei:" + FUND);
        before.remove("lei:" + FUND);
        assertThat(after).as("the other 12 records stay as the full file has them").hasSize(12).isEqualTo(before);
        assertThat(g.organizations()).hasSize(13);
    }

    @Test
    void aRelationshipInTheDeltaReplacesTheSameStartTypeAndEndAndTheOthersStay() throws IOException {
        String full = fixture("goldencopy_rr-with-quantifiers.xml");
        String open = "<rr:RelationshipRecord ";
        String close = "</rr:RelationshipRecord>";
        // CONSTRUCTED: the real direct-consolidation record of CHILD by PARENT (1.00 %, updated 2020-07-16) restated
        // with 51.00 % on 2023-11-06
        String direct = full.substring(full.indexOf("IS_DIRECTLY_CONSOLIDATED_BY") - 600);
        String delta = delta(full.substring(0, full.indexOf(open)) + direct.substring(direct.indexOf(open)), open,
                close, CHILD, record -> record
                        .replaceFirst("<rr:QuantifierAmount>1.00<", "<rr:QuantifierAmount>51.00<")
                        .replaceFirst("<rr:LastUpdateDate>[^<]*<", "<rr:LastUpdateDate>2023-11-06T12:00:00Z<"),
                "2023-11-06T16:30:00Z");
        assertThat(delta).contains("IS_DIRECTLY_CONSOLIDATED_BY").doesNotContain("IS_ULTIMATELY_CONSOLIDATED_BY");
        pipeline.source("gleif", write("20231106-0800-gleif-goldencopy-rr-golden-copy.xml", full));
        List<ResolvedGraph.Edge> before = pipeline.resolve().edges();
        pipeline.source("gleif", write("20231106-1600-gleif-goldencopy-rr-last-day.xml", delta));

        List<ResolvedGraph.Edge> after = pipeline.resolve().edges();

        assertThat(pipeline.problems()).isEmpty();
        assertThat(shares(after, CHILD, "DIRECT_CONSOLIDATION")).containsExactly("51");
        assertThat(shares(after, CHILD, "ULTIMATE_CONSOLIDATION")).as("not in the delta").containsExactly("1");
        assertThat(shares(before, CHILD, "DIRECT_CONSOLIDATION")).containsExactly("1");
        assertThat(after).hasSameSizeAs(before);
    }

    static List<String> shares(List<ResolvedGraph.Edge> edges, String child, String kind) {
        return edges.stream().filter(e -> e.fromId().equals("lei:" + child) && e.toId().equals("lei:" + PARENT)
                        && kind.equals(e.kind()))
                .map(e -> e.share().stripTrailingZeros().toPlainString()).toList();
    }
}
