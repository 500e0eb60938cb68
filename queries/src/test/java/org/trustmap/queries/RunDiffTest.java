package org.trustmap.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.trustmap.queries.RunDiff.Change;
import org.trustmap.queries.RunDiff.Delta;
import org.trustmap.queries.RunDiff.ProductChange;

/** Run diffs of constructed verdict lists (product ids and gaps made up, in the shape verdicts.json keeps). */
class RunDiffTest {
    static final RunDiff.Run ONE = new RunDiff.Run("run-0001", "nukib-2025-09-03", "aaaa", "2026-01-01T02:00:00Z");
    static final RunDiff.Run TWO = new RunDiff.Run("run-0002", "nukib-2025-09-03", "aaaa", "2026-01-02T02:00:00Z");

    static RunVerdict v(String id, String verdict, List<String> routes, List<String> jurisdictions, List<String> gaps,
                        List<String> flags) {
        return new RunVerdict(id, "Product " + id, verdict, routes, jurisdictions, gaps, flags);
    }

    static final List<RunVerdict> BEFORE = List.of(
            v("cam", "EXPOSED", List.of("MAKER"), List.of("CN"), List.of(), List.of("Hik: US_DOD_1260H")),
            v("inverter", "NOT_FOUND", List.of(), List.of(), List.of(), List.of()),
            v("monitor", "UNDETERMINED", List.of(), List.of(), List.of("maker unknown"), List.of()),
            v("laptop", "NOT_FOUND", List.of(), List.of(), List.of(), List.of()),
            v("old-phone", "EXPOSED", List.of("MAKER"), List.of("CN"), List.of(), List.of()));
    static final List<RunVerdict> AFTER = List.of(
            v("cam", "EXPOSED", List.of("MAKER", "DATA_TRANSFER"), List.of("CN", "HK"), List.of(), List.of()),
            v("inverter", "EXPOSED", List.of("MAKER"), List.of("CN"), List.of(), List.of()),
            v("monitor", "UNDETERMINED", List.of(), List.of(), List.of("chain broken at X: no parent on record"),
                    List.of()),
            v("laptop", "NOT_FOUND", List.of(), List.of(), List.of(), List.of()),
            v("llm", "EXPOSED", List.of("DATA_TRANSFER"), List.of("CN"), List.of(), List.of()));

    @Test
    void everyKindOfChangeIsReportedAndUnchangedProductsAreOnlyCounted() {
        RunDiff diff = RunDiff.of(ONE, BEFORE, TWO, AFTER);

        assertThat(diff.changed()).isTrue();
        assertThat(diff.changes()).extracting(ProductChange::productId)
                .containsExactly("cam", "inverter", "llm", "monitor", "old-phone");
        ProductChange cam = diff.changes().get(0);
        assertThat(cam.change()).isEqualTo(Change.CHANGED);
        assertThat(cam.verdictChanged()).isFalse();
        assertThat(cam.routes()).isEqualTo(new Delta(List.of("DATA_TRANSFER"), List.of()));
        assertThat(cam.jurisdictions()).isEqualTo(new Delta(List.of("HK"), List.of()));
        assertThat(cam.flags()).isEqualTo(new Delta(List.of(), List.of("Hik: US_DOD_1260H")));
        ProductChange inverter = diff.changes().get(1);
        assertThat(List.of(inverter.verdictFrom(), inverter.verdictTo())).containsExactly("NOT_FOUND", "EXPOSED");
        ProductChange llm = diff.changes().get(2);
        assertThat(llm.change()).isEqualTo(Change.ADDED);
        assertThat(llm.verdictFrom()).isNull();
        assertThat(llm.routes().added()).containsExactly("DATA_TRANSFER");
        ProductChange monitor = diff.changes().get(3);
        assertThat(monitor.gaps()).isEqualTo(new Delta(List.of("chain broken at X: no parent on record"),
                List.of("maker unknown")));
        ProductChange phone = diff.changes().get(4);
        assertThat(phone.change()).isEqualTo(Change.REMOVED);
        assertThat(phone.verdictTo()).isNull();
        assertThat(phone.name()).isEqualTo("Product old-phone");

        RunDiff.Summary s = diff.summary();
        assertThat(List.of(s.productsFrom(), s.productsTo(), s.added(), s.removed(), s.verdictChanged(),
                s.otherChanged(), s.unchanged())).containsExactly(5, 5, 1, 1, 1, 2, 1);
        assertThat(s.transitions()).containsExactly(Map.entry("NOT_FOUND -> EXPOSED", 1));
        assertThat(s.profileChanged()).isFalse();
        assertThat(diff.summaryLine()).isEqualTo("run-0001 -> run-0002: 1 verdict changed (1 NOT_FOUND -> EXPOSED), "
                + "2 otherwise changed, 1 added, 1 removed, 1 unchanged");
    }

    @Test
    void theSameVerdictsAreNoChangeAndADifferentProfileIsSaid() {
        RunDiff same = RunDiff.of(ONE, BEFORE, TWO, BEFORE);
        assertThat(same.changed()).isFalse();
        assertThat(same.summaryLine()).isEqualTo("run-0001 -> run-0002: no changes (5 products)");

        RunDiff.Run other = new RunDiff.Run("run-0003", "nukib-mainland-25", "bbbbbbbbbbbbbbbbbbbb", null);
        assertThat(RunDiff.of(TWO, BEFORE, other, BEFORE).summaryLine())
                .endsWith("; profile changed: nukib-2025-09-03 aaaa -> nukib-mainland-25 bbbbbbbbbbbb");
    }

    @Test
    void aProductWithTwoVerdictsInOneRunIsRefusedNamingTheRun() {
        List<RunVerdict> twice = List.of(BEFORE.get(0), BEFORE.get(0));
        assertThatThrownBy(() -> RunDiff.of(ONE, twice, TWO, AFTER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run run-0001: product cam has two verdicts");
    }

    @Test
    void jsonSaysWhetherAnythingChangedAndListsTheChanges() throws Exception {
        StringBuilder out = new StringBuilder();
        RunDiffWriter.write(RunDiff.of(ONE, BEFORE, TWO, AFTER), OutputFormat.JSON, out);
        JsonNode root = new ObjectMapper().readTree(out.toString());

        assertThat(root.at("/changed").asBoolean()).isTrue();
        assertThat(root.at("/from/id").asText()).isEqualTo("run-0001");
        assertThat(root.at("/to/profileHash").asText()).isEqualTo("aaaa");
        assertThat(root.at("/summary/verdictChanged").asInt()).isEqualTo(1);
        assertThat(root.at("/summary/transitions/NOT_FOUND -> EXPOSED").asInt()).isEqualTo(1);
        assertThat(root.at("/products/1/id").asText()).isEqualTo("inverter");
        assertThat(root.at("/products/1/verdict/from").asText()).isEqualTo("NOT_FOUND");
        assertThat(root.at("/products/1/verdict/to").asText()).isEqualTo("EXPOSED");
        assertThat(root.at("/products/0/routes/added/0").asText()).isEqualTo("DATA_TRANSFER");
        assertThat(root.at("/products/0/flags/removed/0").asText()).isEqualTo("Hik: US_DOD_1260H");
        assertThat(root.at("/products/3/gaps/opened/0").asText()).startsWith("chain broken at X");
        assertThat(root.at("/products/3/gaps/closed/0").asText()).isEqualTo("maker unknown");
        assertThat(root.at("/products/4/change").asText()).isEqualTo("REMOVED");
        assertThat(root.at("/products/4/verdict/to").isNull()).isTrue();

        StringBuilder none = new StringBuilder();
        RunDiffWriter.write(RunDiff.of(ONE, BEFORE, TWO, BEFORE), OutputFormat.JSON, none);
        JsonNode empty = new ObjectMapper().readTree(none.toString());
        assertThat(empty.at("/changed").asBoolean()).isFalse();
        assertThat(empty.at("/products")).isEmpty();
    }

    @Test
    void tableAndCsvShowEachChange() throws Exception {
        RunDiff diff = RunDiff.of(ONE, BEFORE, TWO, AFTER);
        StringBuilder table = new StringBuilder();
        RunDiffWriter.write(diff, OutputFormat.TABLE, table);
        assertThat(table.toString())
                .containsPattern("CHANGED \\| Product inverter \\(inverter\\) +\\| NOT_FOUND -> EXPOSED \\| \\+ route MAKER")
                .contains("+ jurisdiction HK").contains("- flag Hik: US_DOD_1260H")
                .contains("gap opened: chain broken at X").contains("gap closed: maker unknown")
                .containsPattern("REMOVED +\\| Product old-phone \\(old-phone\\) +\\| was EXPOSED")
                .endsWith(diff.summaryLine() + "\n");

        StringBuilder csv = new StringBuilder();
        RunDiffWriter.write(diff, OutputFormat.CSV, csv);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.toString())).getRecords();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).get("routes_added")).isEqualTo("DATA_TRANSFER");
        assertThat(rows.get(0).get("jurisdictions_added")).isEqualTo("HK");
        assertThat(rows.get(3).get("gaps_closed")).isEqualTo("maker unknown");
        assertThat(rows.get(4).get("verdict_from")).isEqualTo("EXPOSED");
        assertThat(rows.get(4).get("to_run")).isEqualTo("run-0002");
    }
}
