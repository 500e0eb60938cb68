package org.trustmap.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trustmap report} and {@code trustmap diff} end to end: two refreshes of the demo snapshot with two
 * constructed inventories ({@code src/test/resources/runs/}), then the sector report and the diff of the runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportAndDiffCliTest {
    static final Path RUNS = Path.of("src/test/resources/runs").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    static String[] refresh(String inventory) {
        List<String> args = new ArrayList<>(List.of(RefreshJobTest.demoArgs("refresh", home)));
        int at = args.indexOf("--inventory");
        args.subList(at, args.size()).clear(); // the demo's inventories
        args.addAll(List.of("--inventory", RUNS.resolve(inventory).toString()));
        return args.toArray(String[]::new);
    }

    static CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("--home", home.toString(), "--data", RefreshJobTest.DATA.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    static JsonNode product(JsonNode diff, String name) {
        for (JsonNode p : diff.path("products")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no change for " + name + " in " + diff.toPrettyString());
    }

    @Test
    @Order(1)
    void afterOneRunDiffSaysItNeedsTwoAndAnUnknownSectorIsRefusedListingTheKnownOnes() throws Exception {
        CliRun none = cli("diff");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
        assertThat(none.err()).contains("diff needs two completed runs; no completed runs under");

        CliRun first = CliRun.of(refresh("inventory-run1.csv"));
        assertThat(first.exitCode()).as(first.toString()).isZero();

        CliRun one = cli("diff");
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.err()).contains("completed runs: run-0001");

        CliRun unknown = cli("report", "--sector", "water", "--format", "json");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown sector 'water'; known sectors: energy, transport (or all)");
    }

    @Test
    @Order(2)
    void theDiffOfTwoRunsShowsVerdictChangesAndProductsAddedAndRemoved() throws Exception {
        CliRun second = CliRun.of(refresh("inventory-run2.csv"));
        assertThat(second.exitCode()).as(second.toString()).isZero();

        CliRun run = cli("diff", "--format", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode diff = JSON.readTree(run.out());
        assertThat(diff.at("/from/id").asText()).isEqualTo("run-0001");
        assertThat(diff.at("/to/id").asText()).isEqualTo("run-0002");
        assertThat(diff.at("/changed").asBoolean()).isTrue();
        JsonNode inverter = product(diff, "Substation inverter");
        assertThat(inverter.at("/change").asText()).isEqualTo("CHANGED");
        assertThat(inverter.at("/verdict/from").asText()).isEqualTo("NOT_FOUND");
        assertThat(inverter.at("/verdict/to").asText()).isEqualTo("EXPOSED");
        assertThat(inverter.at("/routes/added").toString()).contains("MAKER");
        assertThat(inverter.at("/jurisdictions/added").toString()).contains("CN");
        assertThat(product(diff, "Platform CCTV camera").at("/change").asText()).isEqualTo("REMOVED");
        JsonNode pump = product(diff, "Infusion pump");
        assertThat(pump.at("/change").asText()).isEqualTo("ADDED");
        assertThat(pump.at("/verdict/to").asText()).isEqualTo("UNDETERMINED");
        assertThat(pump.at("/gaps/opened/0").asText()).startsWith("maker unknown");
        assertThat(diff.at("/summary/added").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/removed").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/transitions/NOT_FOUND -> EXPOSED").asInt()).isEqualTo(1);
        assertThat(diff.at("/summary/unchanged").asInt()).isEqualTo(3);

        CliRun table = cli("diff", "--from", "1", "--to", "run-0002");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).contains("NOT_FOUND -> EXPOSED").endsWith(
                "run-0001 -> run-0002: 1 verdict changed (1 NOT_FOUND -> EXPOSED), 0 otherwise changed, 1 added, "
                        + "1 removed, 3 unchanged\n");

        CliRun same = cli("diff", "--from", "run-0002", "--to", "run-0002", "--format", "json");
        assertThat(JSON.readTree(same.out()).at("/changed").asBoolean()).isFalse();

        CliRun missing = cli("diff", "--from", "9");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--from 9: no completed run run-0009; completed runs: run-0001, run-0002");
    }

    @Test
    @Order(3)
    void theEnergyReportHasTheRightCountsAndTheHtmlReportIsOnePage() throws Exception {
        Path json = home.resolve("out/energy.json");
        CliRun run = cli("report", "--sector", "energy", "--format", "json", "--out", json.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("report energy: 4 deployments, 3 EXPOSED, 0 UNDETERMINED, 1 NOT_FOUND -> " + json);
        JsonNode report = JSON.readTree(json.toFile());
        assertThat(report.at("/sector").asText()).isEqualTo("energy");
        assertThat(report.at("/stamp/profiles/0/name").asText()).isEqualTo("nukib-2025-09-03");
        assertThat(report.at("/stamp/profiles/0/hash").asText()).hasSize(64);
        assertThat(report.at("/stamp/runs/0/id").asText()).isEqualTo("run-0002");
        assertThat(report.at("/stamp/runs/0/finishedAt").asText()).isNotEmpty();
        assertThat(report.at("/summary/deployments").asInt()).isEqualTo(4);
        assertThat(report.at("/summary/units").asLong()).isEqualTo(10 + 500 + 20 + 35);
        assertThat(report.at("/summary/verdicts/EXPOSED/deployments").asInt()).isEqualTo(3);
        assertThat(report.at("/summary/verdicts/EXPOSED/units").asLong()).isEqualTo(545);
        assertThat(report.at("/summary/verdicts/NOT_FOUND/units").asLong()).isEqualTo(20);
        assertThat(report.at("/summary/routes/MAKER/deployments").asInt()).isEqualTo(3);
        assertThat(report.at("/summary/jurisdictions/CN/deployments").asInt()).isEqualTo(3);
        assertThat(report.at("/operators").findValuesAsText("operator")).containsExactly("Test Grid", "Test Solar");
        assertThat(report.at("/operators/0/deployments").asInt()).isEqualTo(3);
        // every hop of every exposed path has its evidence and archived record; the registry hops cite public URLs
        List<JsonNode> hops = new java.util.ArrayList<>();
        report.at("/exposed").forEach(e -> e.path("findings").forEach(f -> f.path("path").forEach(hops::add)));
        assertThat(hops).isNotEmpty().allSatisfy(hop -> {
            assertThat(hop.path("evidence").asText()).isNotBlank();
            assertThat(hop.path("recordId").asText()).startsWith("<urn:uuid:");
        });
        assertThat(hops).anySatisfy(hop -> assertThat(hop.path("evidence").asText()).startsWith("http"));

        Path html = home.resolve("out/all.html");
        CliRun page = cli("report", "--sector", "all", "--format", "html", "--out", html.toString());
        assertThat(page.exitCode()).as(page.toString()).isZero();
        var doc = Jsoup.parse(Files.readString(html));
        assertThat(doc.select("section#exposed article")).hasSize(3);
        assertThat(doc.select("section#undetermined tbody tr")).hasSize(1);
        assertThat(doc.select("script, link, [src]")).isEmpty();
    }
}
