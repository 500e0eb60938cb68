package org.trustmap.app.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;
import org.trustmap.app.cli.TrustmapCommand;
import org.trustmap.graph.Neo4jConnection;

/**
 * The refresh job crawling GLEIF over HTTP: a loopback server answers at the real API paths with real captured
 * answers; the job is run through the command line, with the real Fetcher, WARC archive, staging and embedded Neo4j.
 * Then the archive it wrote is replayed with no server at all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GleifCrawlRefreshTest {
    static final Path DATA = Path.of("../data").toAbsolutePath().normalize();
    static final Path CRAWL = Path.of("src/test/resources/crawl").toAbsolutePath();
    static final String APPLE_ENERGY = GleifApiServer.APPLE_ENERGY;
    static final String APPLE_INC = GleifApiServer.APPLE_INC;
    static final String MICROSOFT = GleifApiServer.MICROSOFT;
    static final ObjectMapper JSON = new ObjectMapper();
    /** Crawler settings for a server we run: no politeness pause, quick retries. Spring reads system properties. */
    static final Map<String, String> FAST = Map.of("trustmap.crawler.delay", "10ms",
            "trustmap.crawler.max-attempts", "2", "trustmap.crawler.backoff", "10ms");

    @TempDir
    static Path tmp;
    static List<String> liveGraph;
    static List<String> namedGraph;

    @BeforeAll
    static void fastCrawler() {
        FAST.forEach(System::setProperty);
    }

    @AfterAll
    static void defaultCrawler() {
        FAST.keySet().forEach(System::clearProperty);
    }

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    static Run trustmap(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TrustmapCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static <T> T withGraph(Path home, Function<Session, T> action) {
        try (Neo4jConnection neo4j = Neo4jConnection.open(home.resolve("neo4j"), Optional.empty(), 0);
             Session s = neo4j.driver().session()) {
            return action.apply(s);
        }
    }

    @Test
    @Order(1)
    void curatedLeiIsCrawledWithItsParentsAndLoadedAsControl() throws Exception {
        Path home = tmp.resolve("live");
        Run run;
        List<String> requests;
        try (GleifApiServer api = new GleifApiServer()) {
            run = trustmap("refresh", "--home", home.toString(), "--data", DATA.toString(),
                    "--source-url", "gleif=" + api.baseUrl(), "--allow-private-network",
                    "--input", "curated=" + CRAWL.resolve("curated-apple-energy.csv"));
            requests = List.copyOf(api.requests);
        }

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("COMPLETED");
        assertThat(requests).as("the input LEI's record, the parent relationships its links name, then the parent's "
                + "record and the reporting exceptions its links name; robots.txt first").containsExactly(
                "/robots.txt",
                "/api/v1/lei-records?filter[lei]=" + APPLE_ENERGY + "&page[size]=200",
                "/api/v1/lei-records/" + APPLE_ENERGY + "/direct-parent-relationship",
                "/api/v1/lei-records/" + APPLE_ENERGY + "/ultimate-parent-relationship",
                "/api/v1/lei-records?filter[lei]=" + APPLE_INC + "&page[size]=200",
                "/api/v1/lei-records/" + APPLE_INC + "/direct-parent-reporting-exception",
                "/api/v1/lei-records/" + APPLE_INC + "/ultimate-parent-reporting-exception");
        JsonNode captures = JSON.readTree(home.resolve("runs/run-0001/captures.json").toFile());
        assertThat(captures.get("refusals")).as("a 404 from a reporting-exception endpoint means none").isEmpty();
        List<String> staged = new ArrayList<>();
        captures.get("captures").forEach(c -> staged.add(c.get("sourceId").asText() + " "
                + c.get("targetUri").asText().replaceFirst("^http://127\\.0\\.0\\.1:\\d+", "")));
        assertThat(staged).containsExactly(
                "curated " + CRAWL.resolve("curated-apple-energy.csv").toUri(),
                "gleif /api/v1/lei-records?filter%5Blei%5D=" + APPLE_ENERGY + "&page%5Bsize%5D=200",
                "gleif /api/v1/lei-records/" + APPLE_ENERGY + "/direct-parent-relationship",
                "gleif /api/v1/lei-records/" + APPLE_ENERGY + "/ultimate-parent-relationship",
                "gleif /api/v1/lei-records?filter%5Blei%5D=" + APPLE_INC + "&page%5Bsize%5D=200");

        liveGraph = withGraph(home, s -> {
            var hop = s.run("""
                    MATCH (c:Organization {name: 'APPLE ENERGY LLC'})-[r:CONTROLLED_BY]->(p:Organization {name: 'Apple Inc.'})
                    RETURN r.source AS source, r.evidence AS evidence, r.recordId AS record, r.kind AS kind""").list();
            assertThat(hop).as("Apple Energy LLC -[:CONTROLLED_BY]-> Apple Inc.").isNotEmpty();
            assertThat(hop.get(0).get("source").asString()).isEqualTo("gleif");
            assertThat(hop.get(0).get("evidence").asString()).contains(APPLE_ENERGY);
            assertThat(hop.get(0).get("record").asString()).startsWith("<urn:uuid:");
            assertThat(hop.stream().map(r -> r.get("kind").asString()).toList())
                    .as("from the relationship records").contains("DIRECT_CONSOLIDATION");
            var parent = s.run("MATCH (p:Organization {lei: $lei}) RETURN p.legalCountry AS country",
                    Map.of("lei", APPLE_INC)).single();
            assertThat(parent.get("country").asString()).as("the parent's record, from the batch look-up")
                    .isEqualTo("US");
            return graph(s);
        });
    }

    @Test
    @Order(2)
    void replayOfTheArchiveWithNoServerGivesTheSameGraph() throws Exception {
        assertThat(liveGraph).as("the live crawl ran first").isNotNull();
        Path home = tmp.resolve("replay");

        Run run = trustmap("refresh", "--home", home.toString(), "--data", DATA.toString(),
                "--replay", tmp.resolve("live/archive").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("COMPLETED");
        assertThat(withGraph(home, GleifCrawlRefreshTest::graph)).isEqualTo(liveGraph);
    }

    @Test
    @Order(3)
    void refusedUrlIsReportedAndTheRunCompletes() throws Exception {
        Path home = tmp.resolve("refused");
        Run run;
        String batch = "/api/v1/lei-records?filter[lei]=" + APPLE_ENERGY + "," + MICROSOFT + "&page[size]=200";
        try (GleifApiServer api = new GleifApiServer()) {
            api.fail(batch, 500);
            run = trustmap("refresh", "--home", home.toString(), "--data", DATA.toString(),
                    "--source-url", "gleif=" + api.baseUrl(), "--allow-private-network",
                    "--input", "curated=" + CRAWL.resolve("curated-apple-energy-and-microsoft.csv"));
        }

        // the job completes and succeeds; the refused URL is reported as a warning (it is not bad input)
        assertThat(run.out()).as(run.toString()).contains("COMPLETED").doesNotContain("FAILED");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(TrustmapCommand.OK);
        assertThat(run.err()).contains("warning: not fetched")
                .contains("lei-records?filter%5Blei%5D=" + APPLE_ENERGY + "%2C" + MICROSOFT).contains("500");
        JsonNode summary = JSON.readTree(home.resolve("runs/run-0001/summary.json").toFile());
        assertThat(summary.get("refusals")).hasSize(1);
        assertThat(summary.get("refusals").get(0).asText()).startsWith("gleif: http://127.0.0.1:")
                .contains(MICROSOFT).contains("HTTP 500");
        // without their records, every per-LEI look-up of both is asked: Apple Energy's two parent relationships
        // and Microsoft's reporting exception still made it, then Apple Inc.'s record: curated + 4
        assertThat(summary.get("captures").asInt()).isEqualTo(5);
    }

    @Test
    @Order(4)
    void organizationsNamedWithACountryAreFoundByNameOnlyOnAnExactMatch() throws Exception {
        Path home = tmp.resolve("named");
        Run run;
        List<String> requests;
        String search = "/api/v1/lei-records?filter[entity.legalName]=%s&filter[entity.legalAddress.country]=%s"
                + "&page[size]=20";
        System.setProperty("trustmap.crawler.gleif.name-searches", "2");
        try (GleifApiServer api = new GleifApiServer()) {
            api.serve(search.formatted("Microsoft Corporation", "US"), "api_multi_lei_records.json")
                    .serve(search.formatted("Commerzbank", "DE"), "api_multi_lei_records.json");
            run = trustmap("refresh", "--home", home.toString(), "--data", DATA.toString(),
                    "--source-url", "gleif=" + api.baseUrl(), "--allow-private-network",
                    "--input", "curated=" + CRAWL.resolve("curated-named-organizations.csv"));
            requests = List.copyOf(api.requests);
        } finally {
            System.clearProperty("trustmap.crawler.gleif.name-searches");
        }

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(requests).as("two searches (the cap), then the one record found, then its exceptions")
                .containsExactly(
                        "/robots.txt",
                        search.formatted("Microsoft Corporation", "US"),
                        search.formatted("Commerzbank", "DE"),
                        "/api/v1/lei-records?filter[lei]=" + MICROSOFT + "&page[size]=200",
                        "/api/v1/lei-records/" + MICROSOFT + "/direct-parent-reporting-exception",
                        "/api/v1/lei-records/" + MICROSOFT + "/ultimate-parent-reporting-exception");
        JsonNode captures = JSON.readTree(home.resolve("runs/run-0001/captures.json").toFile());
        List<String> staged = new ArrayList<>();
        captures.get("captures").forEach(c -> staged.add(c.get("targetUri").asText()));
        assertThat(staged).as("search answers are archived, not staged").hasSize(3)
                .noneMatch(u -> u.contains("legalName"));
        withGraph(home, s -> {
            assertThat(s.run("MATCH (o:Organization {lei: $lei}) RETURN o.name AS name", Map.of("lei", MICROSOFT))
                    .single().get("name").asString()).isEqualTo("MICROSOFT CORPORATION");
            assertThat(s.run("""
                    MATCH (o:Organization) WHERE o.lei IN ['851WYGNLUQLFZBSYGB56', '21380068P1DRHMJ8KU70']
                    RETURN count(o) AS n""").single().get("n").asLong())
                    .as("'Commerzbank' is not 'COMMERZBANK Aktiengesellschaft'; the search answers' other records "
                            + "are not taken").isZero();
            return null;
        });
        namedGraph = withGraph(home, GleifCrawlRefreshTest::graph);
    }

    @Test
    @Order(5)
    void replayOfAnArchiveHoldingSearchAnswersGivesTheSameGraph() throws Exception {
        assertThat(namedGraph).as("the search crawl ran first").isNotNull();
        Path home = tmp.resolve("named-replay");

        Run run = trustmap("refresh", "--home", home.toString(), "--data", DATA.toString(),
                "--replay", tmp.resolve("named/archive").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> replayed = new ArrayList<>();
        JSON.readTree(home.resolve("runs/run-0001/captures.json").toFile()).get("captures")
                .forEach(c -> replayed.add(c.get("targetUri").asText()));
        assertThat(replayed).as("the search answers are in the archive and replayed").filteredOn(u -> u.contains("legalName"))
                .hasSize(2);
        assertThat(withGraph(home, GleifCrawlRefreshTest::graph)).as("the archived search answers stage nothing")
                .isEqualTo(namedGraph);
    }

    /**
     * The graph as sorted lines: every node's labels and properties, every relationship's type, properties and the
     * properties of its ends; run bookkeeping ((:Run) nodes, {@code stamp}, {@code runId}) left out.
     */
    static List<String> graph(Session s) {
        List<String> lines = new ArrayList<>();
        s.run("MATCH (n) WHERE NOT n:Run RETURN labels(n) AS l, properties(n) AS p").forEachRemaining(r ->
                lines.add("N " + r.get("l").asList() + " " + clean(r.get("p").asMap())));
        s.run("""
                MATCH (a)-[r]->(b) WHERE NOT a:Run AND NOT b:Run
                RETURN type(r) AS t, properties(r) AS p, properties(a) AS a, properties(b) AS b""").forEachRemaining(r ->
                lines.add("R " + clean(r.get("a").asMap()) + " -" + r.get("t").asString() + " " + clean(r.get("p").asMap())
                        + "-> " + clean(r.get("b").asMap())));
        lines.sort(null);
        return lines;
    }

    private static Map<String, Object> clean(Map<String, Object> props) {
        Map<String, Object> m = new TreeMap<>(props);
        m.remove("stamp");
        m.remove("runId");
        return m;
    }
}
