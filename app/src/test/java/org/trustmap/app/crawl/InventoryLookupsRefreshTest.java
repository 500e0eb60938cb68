package org.trustmap.app.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustmap.app.crawl.GleifCrawlRefreshTest.FAST;
import static org.trustmap.app.crawl.GleifCrawlRefreshTest.JSON;
import static org.trustmap.app.crawl.GleifCrawlRefreshTest.trustmap;
import static org.trustmap.app.crawl.GleifCrawlRefreshTest.withGraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.app.crawl.GleifCrawlRefreshTest.Run;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.fetch.FetcherConfig;

/**
 * Inventory-driven look-ups: the FCC grantee code of an inventory's FCC ID and an inventory's CPE name are looked up
 * on a loopback server answering at the look-ups' real paths (real FCC EAS exports; the CPE API answer is
 * constructed, see the fixtures' SOURCES.md) when sources.yml turns them on, bounded by max_lookups, and not at all
 * by default.
 */
class InventoryLookupsRefreshTest {
    static final Path LOOKUPS = Path.of("src/test/resources/fixtures/lookups").toAbsolutePath();
    static final String EAS = "/oetcf/eas/reports/GenericSearchResult.cfm?RequestTimeout=500&calledFromFrame=N"
            + "&grantee_code=%s&outputformat=XML&show_records=1000&fetchfrom=0";
    static final String ARCHER = "cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:*";
    static final String CPE_API = "/rest/json/cpes/2.0?cpeMatchString=" + ARCHER;
    /** Constructed: a fictional operator; the FCC IDs and the CPE are real ones of the look-up fixtures. */
    static final String INVENTORY = """
            # constructed test inventory (fictional operator); FCC IDs and CPE as the look-up fixtures name them
            operator,sector,product,vendor,model,cpe,fcc_id,mac,count
            Example Port Authority,transport,Handheld radio A,,,,2AZSA-RT470X,,12
            Example Port Authority,transport,Handheld radio B,,,,WVTWOUXUN12,,4
            Example Port Authority,transport,Office router,,,%s,,,2
            """.formatted(ARCHER);

    @TempDir
    static Path tmp;

    @BeforeAll
    static void fastCrawler() {
        FAST.forEach(System::setProperty);
    }

    @AfterAll
    static void defaultCrawler() {
        FAST.keySet().forEach(System::clearProperty);
    }

    static GleifApiServer server() throws IOException {
        return new GleifApiServer()
                .serve(EAS.formatted("2AZSA"), "../lookups/fcc_eas_auth_search_2AZSA_xiamen_radtel.xml")
                .serve(EAS.formatted("WVT"), "../lookups/fcc_eas_auth_search_WVT_quanzhou_wouxun.xml")
                .serve(CPE_API, "../lookups/constructed_nvd_cpe_api_archer_ax21.json");
    }

    static String root(GleifApiServer server) {
        return server.baseUrl().replaceFirst("api/v1/$", "");
    }

    /** A copy of ../data whose sources.yml turns both look-ups on, FCC grantees bounded to one code. */
    static Path dataWithLookupsOn() throws IOException {
        Path data = tmp.resolve("data");
        Path from = GleifCrawlRefreshTest.DATA;
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = data.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Path yml = data.resolve("sources.yml");
        String text = Files.readString(yml);
        String on = text.replace("inventory_lookups: false", "inventory_lookups: true")
                .replace("max_lookups: 20            # grantee codes", "max_lookups: 1             # grantee codes");
        assertThat(on).contains("max_lookups: 1 ");
        Files.writeString(yml, on);
        return data;
    }

    @Test
    void lookupsTurnedOnFetchTheGranteeAndTheCpeBoundedArchiveLoadAndReplayThem() throws Exception {
        Path home = tmp.resolve("on");
        Path inventory = Files.writeString(tmp.resolve("port-radios.csv"), INVENTORY);
        Run run;
        List<String> requests;
        try (GleifApiServer api = server()) {
            run = trustmap("refresh", "--home", home.toString(), "--data", dataWithLookupsOn().toString(),
                    "--source-url", "fcc-grantees=" + root(api) + "oetcf/eas/reports/",
                    "--source-url", "nvd-cpe=" + root(api) + "rest/json/", "--allow-private-network",
                    "--inventory", inventory.toString());
            requests = List.copyOf(api.requests);
        }

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(requests).filteredOn(r -> !r.equals("/robots.txt")).as("2AZSA only: max_lookups is 1")
                .containsExactly(EAS.formatted("2AZSA"), CPE_API);
        JsonNode captures = JSON.readTree(home.resolve("runs/run-0001/captures.json").toFile());
        assertThat(captures.get("refusals")).isEmpty();
        List<String> staged = new ArrayList<>();
        captures.get("captures").forEach(c -> staged.add(c.get("sourceId").asText()));
        assertThat(staged).containsExactly("inventory", "fcc-grantees", "nvd-cpe");

        withGraph(home, s -> {
            assertThat(s.run("MATCH (f:ExposureFinding)-[:FOR]->(:Product {name: 'Handheld radio A'}) "
                    + "RETURN f.verdict AS v").single().get("v").asString())
                    .as("its FCC ID's grantee, looked up, is registered in China").isEqualTo("EXPOSED");
            assertThat(s.run("MATCH (f:ExposureFinding)-[:FOR]->(:Product {name: 'Handheld radio B'}) "
                    + "RETURN f.verdict AS v").single().get("v").asString())
                    .as("WVT was beyond max_lookups").isNotEqualTo("EXPOSED");
            var maker = s.run("""
                    MATCH (:Product {id: $cpe})-[m:MADE_BY]->(o:Organization)
                    WHERE m.source = 'nvd-cpe' RETURN m.evidence AS evidence, m.recordId AS record""",
                    Map.of("cpe", ARCHER)).list();
            assertThat(maker).as("the CPE's vendor token from the CPE API answer").hasSize(1);
            assertThat(maker.get(0).get("evidence").asString()).startsWith("http://127.0.0.1:").endsWith(CPE_API);
            assertThat(maker.get(0).get("record").asString()).startsWith("<urn:uuid:");
            return null;
        });

        // the archive replays with the look-ups off and no server: the same graph
        List<String> live = withGraph(home, GleifCrawlRefreshTest::graph);
        Path replayHome = tmp.resolve("on-replay");
        Run replay = trustmap("refresh", "--home", replayHome.toString(), "--data",
                GleifCrawlRefreshTest.DATA.toString(), "--replay", home.resolve("archive").toString());
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(withGraph(replayHome, GleifCrawlRefreshTest::graph)).isEqualTo(live);
    }

    @Test
    void lookupsAreOffByDefaultAndNothingIsFetched() throws Exception {
        Path inventory = Files.writeString(tmp.resolve("port-radios-off.csv"), INVENTORY);
        try (GleifApiServer api = server();
             EvidenceArchive archive = EvidenceArchive.open(tmp.resolve("off-archive"))) {
            Capture c = archive.archiveFile("inventory", inventory, "text/csv", Instant.parse("2026-05-06T08:00:00Z"));
            InventoryIdentifiers ids = InventoryIdentifiers.of(archive, List.of(c));
            assertThat(ids.granteeCodes()).containsExactly("2AZSA", "WVT");
            assertThat(ids.cpes()).containsExactly(ARCHER);

            CrawlResult r = InventoryLookups.crawl(GleifCrawlRefreshTest.DATA.resolve("sources.yml"),
                    Map.of("fcc-grantees", root(api) + "oetcf/eas/reports/", "nvd-cpe", root(api) + "rest/json/"),
                    Set.of(), List.of(c), archive, FetcherConfig.defaults().withAllowPrivateNetwork(true));

            assertThat(r.captures()).isEmpty();
            assertThat(r.refusals()).isEmpty();
            assertThat(api.requests).isEmpty();
        }
    }

    @Test
    void aSwitchThatIsNotTrueOrFalseIsBadInputNamingTheFile() throws Exception {
        Path yml = Files.writeString(tmp.resolve("bad-sources.yml"), """
                sources:
                  nvd-cpe:
                    inventory_lookups: sometimes
                """, StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InventoryLookups.switchOf(yml, "nvd-cpe"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad-sources.yml")
                .hasMessageContaining("inventory_lookups must be true or false, not 'sometimes'");
        assertThat(InventoryLookups.switchOf(yml, "fcc-grantees"))
                .isEqualTo(new InventoryLookups.Switch(false, InventoryLookups.DEFAULT_MAX_LOOKUPS));
    }
}
