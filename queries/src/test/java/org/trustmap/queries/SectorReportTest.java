package org.trustmap.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.trustmap.graph.Neo4jTestServer;
import org.trustmap.queries.SectorReport.Count;

/**
 * Sector reports on {@link TestGraph} read through the driver, plus one constructed energy deployment whose product
 * and operator names carry markup and whose evidence is a {@code javascript:} URL, to check the escaping.
 */
@ExtendWith(Neo4jTestServer.class)
class SectorReportTest {
    static final String EVIL = "<script>alert(\"x\")</script> Cam & Co";
    static final String EVIL_OPERATOR = "Teplárna <b>Example</b>";
    static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");

    @BeforeAll
    static void graph(Driver driver) {
        Neo4jTestServer.clear(driver);
        TestGraph.write(driver);
        try (Session s = driver.session()) {
            s.run("""
                    MATCH (hik:Organization {id: 'org-hik'})
                    CREATE (p:Product {id: 'evil-1', name: $evil, vendor: 'Hikvision'})
                    CREATE (p)-[:MADE_BY {source: 'inventory', evidence: 'javascript:alert(1)', date: '2026-01-15',
                            recordId: 'urn:uuid:rec-evil'}]->(hik)
                    CREATE (:Operator {name: $operator})-[:DEPLOYS {sector: 'Energy', count: 7, source: 'inventory'}]->(p)
                    CREATE (f:ExposureFinding {id: 'evil-1|' + $profile, productId: 'evil-1', verdict: 'EXPOSED',
                            profile: $profile, profileHash: $hash, runId: 'run-2', findings: $findings, gaps: [],
                            flags: ['Hangzhou Hikvision Digital Technology Co.,Ltd.: US_DOD_1260H']})-[:FOR]->(p)
                    """, Map.of("evil", EVIL, "operator", EVIL_OPERATOR, "profile", TestGraph.PROFILE,
                    "hash", TestGraph.HASH, "findings", """
                            [{"route":"MAKER","jurisdiction":"CN","path":[
                              {"from":"%s","relation":"MADE_BY","to":"Hangzhou Hikvision Digital Technology Co.,Ltd.",
                               "source":"inventory","evidence":"javascript:alert(1)","date":"2026-01-15","recordId":"urn:uuid:rec-evil"},
                              {"from":"Hangzhou Hikvision Digital Technology Co.,Ltd.","relation":"BASED_IN","to":"CN",
                               "source":"gleif","evidence":"%s","date":"2025-10-01","recordId":"urn:uuid:rec-hik-cn"}]}]
                            """.formatted(EVIL.replace("\"", "\\\""), TestGraph.GLEIF))).consume();
        }
    }

    static SectorReport energy(Driver driver) {
        return new SectorReports(null).read(driver, "energy", NOW);
    }

    @Test
    void theEnergyReportCountsDeploymentsAndUnitsPerVerdictRouteJurisdictionAndFlag(Driver driver) {
        SectorReport report = energy(driver);

        assertThat(report.sector()).isEqualTo("energy");
        SectorReport.Tally all = report.overall();
        assertThat(all.deployments()).isEqualTo(4);
        assertThat(all.units()).isEqualTo(3 + 40 + 100 + 7);
        assertThat(all.verdicts()).containsExactly(Map.entry("EXPOSED", new Count(2, 10)),
                Map.entry("UNDETERMINED", new Count(1, 40)), Map.entry("NOT_FOUND", new Count(1, 100)));
        assertThat(all.routes()).containsExactly(Map.entry("MAKER", new Count(2, 10)),
                Map.entry("COMPONENT", new Count(0, 0)), Map.entry("DATA_TRANSFER", new Count(1, 3)),
                Map.entry("REMOTE_ADMIN", new Count(0, 0)));
        assertThat(all.jurisdictions()).containsExactly(Map.entry("CN", new Count(2, 10)), Map.entry("HK", new Count(1, 3)));
        assertThat(all.flags()).containsExactly(Map.entry("US_DOD_1260H", new Count(1, 7)));
        assertThat(report.operators()).extracting(SectorReport.OperatorTally::operator)
                .containsExactly("Energo Example", EVIL_OPERATOR);
        SectorReport.Tally energo = report.operators().get(0).tally();
        assertThat(energo.deployments()).isEqualTo(3);
        assertThat(energo.units()).isEqualTo(143);
        assertThat(energo.verdicts().get("EXPOSED")).isEqualTo(new Count(1, 3));
        // the sector is matched in any case: the constructed deployment says "Energy"
        assertThat(report.operators().get(1).sectors()).containsExactly("energy");
    }

    @Test
    void theReportListsExposedWithPathsUndeterminedWithGapsAndTheFlags(Driver driver) {
        SectorReport report = energy(driver);

        assertThat(report.exposed()).extracting(e -> e.product().id()).containsExactly("cam-1", "evil-1");
        assertThat(report.exposed().get(0).findings()).extracting(ExposureEntry.Finding::route)
                .containsExactly("MAKER", "DATA_TRANSFER");
        assertThat(report.undetermined()).extracting(e -> e.product().id()).containsExactly("inv-1");
        assertThat(report.undetermined().get(0).gaps()).containsExactly("maker unknown", "no MAC OUI on record");
        assertThat(report.notFound()).extracting(e -> e.product().id()).containsExactly("plug-1");
        assertThat(report.flags()).containsExactly(new SectorReport.FlagEntry("US_DOD_1260H",
                "Hangzhou Hikvision Digital Technology Co.,Ltd.", List.of("evil-1")));
        assertThat(report.stamp().profiles()).containsExactly(new ExposureEntry.Profile(TestGraph.PROFILE, TestGraph.HASH));
        // TestGraph's run nodes have a start time only
        assertThat(report.stamp().runs()).containsExactly(new SectorReport.Run("run-2", "2026-02-01T02:00:00Z"));
        assertThat(report.stamp().generatedAt()).isEqualTo("2026-03-01T10:15:30Z");
    }

    @Test
    void allSectorsTogetherAndAnUnknownSectorIsRefusedListingTheKnownOnes(Driver driver) {
        SectorReport all = new SectorReports(null).read(driver, "all", NOW);
        assertThat(all.overall().deployments()).isEqualTo(6);
        assertThat(all.overall().withoutCount()).isEqualTo(1);
        assertThat(all.undetermined()).extracting(e -> e.product().id()).containsExactly("inv-1", "router-1");
        StringBuilder html = new StringBuilder();
        SectorReportWriter.write(all, ReportFormat.HTML, html);
        // across sectors, each operator is shown with its sectors
        assertThat(Jsoup.parse(html.toString()).select("table#verdicts tbody tr td:eq(0)").eachText())
                .containsExactly("Energo Example (energy)", "Město Example (public administration)",
                        "Nemocnice Example (healthcare)", EVIL_OPERATOR + " (energy)");
        assertThat(new SectorReports(null).sectors(driver))
                .containsExactly("energy", "healthcare", "public administration");

        assertThatThrownBy(() -> new SectorReports(null).read(driver, "water", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown sector 'water'; known sectors: energy, healthcare, public administration (or all)");
    }

    @Test
    void htmlIsOneSelfContainedPageWithEscapedTextAndTheEvidenceOfEveryHop(Driver driver) {
        StringBuilder out = new StringBuilder();
        SectorReportWriter.write(energy(driver), ReportFormat.HTML, out);
        String html = out.toString();

        assertThat(html).startsWith("<!doctype html>");
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>Example")
                .contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; Cam &amp; Co");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script, link, img, iframe, [src]")).isEmpty();
        assertThat(doc.select("style")).hasSize(1);
        assertThat(doc.title()).isEqualTo("Trustmap sector exposure report: energy");
        assertThat(doc.selectFirst("dd.profile").text()).isEqualTo(TestGraph.PROFILE + " (" + TestGraph.HASH + ")");
        assertThat(doc.selectFirst("dd.runs").text()).isEqualTo("run-2, finished 2026-02-01T02:00:00Z");
        assertThat(doc.selectFirst("dd.generated").text()).isEqualTo("2026-03-01T10:15:30Z");

        Element verdictTotals = doc.selectFirst("table#verdicts tfoot tr");
        assertThat(verdictTotals.select("td").eachText())
                .containsExactly("All operators", "4 (150 units)", "2 (10 units)", "1 (40 units)", "1 (100 units)");
        assertThat(doc.select("table#verdicts tbody tr").get(1).child(0).text()).isEqualTo(EVIL_OPERATOR);
        assertThat(doc.selectFirst("table#routes tfoot td[data-key=REMOTE_ADMIN]").text()).isEqualTo("0");
        assertThat(doc.selectFirst("table#jurisdictions tfoot td[data-key=HK]").text()).isEqualTo("1 (3 units)");

        List<Element> exposed = doc.select("section#exposed article");
        assertThat(exposed).hasSize(2);
        assertThat(exposed.get(1).selectFirst("h3").text()).isEqualTo(EVIL);
        assertThat(exposed.get(1).selectFirst("p.flags").text())
                .isEqualTo("Flags: Hangzhou Hikvision Digital Technology Co.,Ltd.: US_DOD_1260H");
        // a javascript: "evidence" is printed, never linked
        Element evilHop = exposed.get(1).selectFirst("table.hops tbody tr");
        assertThat(evilHop.select("a")).isEmpty();
        assertThat(evilHop.select("td").eachText()).containsExactly("1", EVIL, "MADE_BY",
                "Hangzhou Hikvision Digital Technology Co.,Ltd.", "inventory", "javascript:alert(1)", "2026-01-15",
                "urn:uuid:rec-evil");
        Element camera = exposed.get(0);
        assertThat(camera.select("h4").eachText()).containsExactly(
                "MAKER: Hangzhou Hikvision Digital Technology Co.,Ltd. -> CETC Investment Holdings Co., Ltd. -> China "
                        + "Electronics Technology Group Corporation (CN)", "DATA_TRANSFER: " + TestGraph.CLOUD + " (HK)");
        List<Element> hops = camera.selectFirst("table.hops").select("tbody tr");
        assertThat(hops).hasSize(4);
        assertThat(hops.get(0).selectFirst("a").attr("href")).isEqualTo(TestGraph.OUI);
        assertThat(hops.get(1).select("td").eachText()).containsExactly("2",
                "Hangzhou Hikvision Digital Technology Co.,Ltd.", "CONTROLLED_BY", "CETC Investment Holdings Co., Ltd.",
                "opensanctions-1260h", TestGraph.MILCORPS, "2025-01-07", "urn:uuid:rec-hik-inv");

        Element gapRow = doc.selectFirst("section#undetermined tbody tr");
        assertThat(gapRow.select("ul.gaps li").eachText()).containsExactly("maker unknown", "no MAC OUI on record");
        assertThat(doc.select("section#not-found tbody tr")).hasSize(1);
        assertThat(doc.select("section#flags tbody tr td").eachText()).containsExactly("US_DOD_1260H",
                "Hangzhou Hikvision Digital Technology Co.,Ltd.", "evil-1");
    }

    @Test
    void jsonCarriesTheStampTheTalliesAndTheEntriesWithTheirEvidence(Driver driver) throws Exception {
        StringBuilder out = new StringBuilder();
        SectorReportWriter.write(energy(driver), ReportFormat.JSON, out);
        JsonNode root = new ObjectMapper().readTree(out.toString());

        assertThat(root.at("/sector").asText()).isEqualTo("energy");
        assertThat(root.at("/stamp/profiles/0/name").asText()).isEqualTo(TestGraph.PROFILE);
        assertThat(root.at("/stamp/profiles/0/hash").asText()).isEqualTo(TestGraph.HASH);
        assertThat(root.at("/stamp/runs/0/id").asText()).isEqualTo("run-2");
        assertThat(root.at("/summary/deployments").asInt()).isEqualTo(4);
        assertThat(root.at("/summary/units").asLong()).isEqualTo(150);
        assertThat(root.at("/summary/verdicts/EXPOSED/deployments").asInt()).isEqualTo(2);
        assertThat(root.at("/summary/verdicts/EXPOSED/units").asLong()).isEqualTo(10);
        assertThat(root.at("/summary/routes/DATA_TRANSFER/deployments").asInt()).isEqualTo(1);
        assertThat(root.at("/summary/jurisdictions/CN/units").asLong()).isEqualTo(10);
        assertThat(root.at("/operators/0/operator").asText()).isEqualTo("Energo Example");
        assertThat(root.at("/operators/0/verdicts/NOT_FOUND/units").asLong()).isEqualTo(100);
        assertThat(root.at("/exposed/0/product/id").asText()).isEqualTo("cam-1");
        assertThat(root.at("/exposed/0/runId").asText()).isEqualTo("run-2");
        assertThat(root.at("/exposed/0/findings/0/path/2/recordId").asText()).isEqualTo("urn:uuid:rec-inv-cetc");
        assertThat(root.at("/exposed/1/product/name").asText()).isEqualTo(EVIL);
        assertThat(root.at("/undetermined/0/gaps/1").asText()).isEqualTo("no MAC OUI on record");
        assertThat(root.at("/notFound/0/product/id").asText()).isEqualTo("plug-1");
        assertThat(root.at("/flags/0/flag").asText()).isEqualTo("US_DOD_1260H");
        assertThat(root.at("/flags/0/products/0").asText()).isEqualTo("evil-1");
    }

    @Test
    void csvHasOneRowPerDeploymentWithEveryPathAndHop(Driver driver) throws Exception {
        StringBuilder out = new StringBuilder();
        SectorReportWriter.write(energy(driver), ReportFormat.CSV, out);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(SectorReportWriter.CSV_COLUMNS);
        CSVRecord cam = rows.get(0);
        assertThat(cam.get("product_id")).isEqualTo("cam-1");
        assertThat(cam.get("units")).isEqualTo("3");
        assertThat(cam.get("routes")).isEqualTo("MAKER; DATA_TRANSFER");
        assertThat(cam.get("paths").lines().toList()).hasSize(2).first().asString()
                .startsWith("MAKER (CN): DS-2CD2143G2-I -MADE_BY-> Hangzhou Hikvision");
        assertThat(cam.get("evidence").lines().toList()).hasSize(6)
                .contains("CONTROLLED_BY CETC Investment Holdings Co., Ltd. | opensanctions-1260h | "
                        + TestGraph.MILCORPS + " | 2025-01-07 | urn:uuid:rec-hik-inv");
        assertThat(cam.get("run_id")).isEqualTo("run-2");
        assertThat(cam.get("generated_at")).isEqualTo("2026-03-01T10:15:30Z");
        assertThat(rows.get(1).get("product")).isEqualTo(EVIL);
        assertThat(rows.get(2).get("gaps")).isEqualTo("maker unknown; no MAC OUI on record");
        assertThat(rows.get(3).get("verdict")).isEqualTo("NOT_FOUND");
    }
}
