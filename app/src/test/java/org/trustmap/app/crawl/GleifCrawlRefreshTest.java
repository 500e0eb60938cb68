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
    static final String APPLE_ENERGY = "549300YX4S1LLSMK2627";
    static final String APPLE_INC = "HWUPKR0MPOU8FGXBT394";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Crawler settings for a server we run: no politeness pause, quick retries. Spring reads system properties. */
    static final Map<String, String> FAST = Map.of("trustmap.crawler.delay", "10ms",
            "trustmap.crawler.max-attempts", "2", "trustmap.crawler.backoff", "10ms");

    @TempDir
    static Path tmp;
    static List<String> liveGraph;

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
        assertThat(requests).as("the input LEI's look-ups, then its parent's, robots.txt first").containsExactly(
                "/robots.txt",
                "/api/v1/lei-records?filter[lei]=" + APPLE_ENERGY,
                "/api/v1/lei-records/" + APPLE_ENERGY + "/direct-parent",
                "/api/v1/lei-records/" + APPLE_ENERGY + "/ultimate-parent",
                "/api/v1/lei-records/" + APPLE_ENERGY + "/direct-parent-reporting-exception",
                "/api/v1/lei-records/" + APPLE_ENERGY + "/ultimate-parent-reporting-exception",
                "/api/v1/lei-records/" + APPLE_INC + "/direct-parent",
                "/api/v1/lei-records/" + APPLE_INC + "/ultimate-parent",
                "/api/v1/lei-records/" + APPLE_INC + "/direct-parent-reporting-exception",
                "/api/v1/lei-records/" + APPLE_INC + "/ultimate-parent-reporting-exception");
        JsonNode captures = JSON.readTree(home.resolve("runs/run-0001/captures.json").toFile());
        assertThat(captures.get("refusals")).as("a 404 from a parent endpoint means no parent").isEmpty();
        List<String> staged = new ArrayList<>();
        captures.get("captures").forEach(c -> staged.add(c.get("sourceId").asText() + " "
                + c.get("targetUri").asText().replaceFirst("^http://127\\.0\\.0\\.1:\\d+", "")));
        assertThat(staged).containsExactly(
                "curated " + CRAWL.resolve("curated-apple-energy.csv").toUri(),
                "gleif /api/v1/lei-records?filter%5Blei%5D=" + APPLE_ENERGY,
                "gleif /api/v1/lei-records/" + APPLE_ENERGY + "/direct-parent",
                "gleif /api/v1/lei-records/" + APPLE_ENERGY + "/ultimate-parent");

        liveGraph = withGraph(home, s -> {
            var hop = s.run("""
                    MATCH (c:Organization {name: 'APPLE ENERGY LLC'})-[r:CONTROLLED_BY]->(p:Organization {name: 'Apple Inc.'})
                    RETURN r.source AS source, r.evidence AS evidence, r.recordId AS record""").list();
            assertThat(hop).as("Apple Energy LLC -[:CONTROLLED_BY]-> Apple Inc.").isNotEmpty();
            assertThat(hop.get(0).get("source").asString()).isEqualTo("gleif");
            assertThat(hop.get(0).get("evidence").asString()).startsWith("http://127.0.0.1:").contains("/" + APPLE_ENERGY + "/");
            assertThat(hop.get(0).get("record").asString()).startsWith("<urn:uuid:");
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
        try (GleifApiServer api = new GleifApiServer()) {
            api.fail("/api/v1/lei-records?filter[lei]=INR2EJN1ERAN0W5ZP974", 500);
            run = trustmap("refresh", "--home", home.toString(), "--data", DATA.toString(),
                    "--source-url", "gleif=" + api.baseUrl(), "--allow-private-network",
                    "--input", "curated=" + CRAWL.resolve("curated-apple-energy-and-microsoft.csv"));
        }

        // the job completes and succeeds; the refused URL is reported as a warning (it is not bad input)
        assertThat(run.out()).as(run.toString()).contains("COMPLETED").doesNotContain("FAILED");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(TrustmapCommand.OK);
        assertThat(run.err()).contains("warning: not fetched")
                .contains("lei-records?filter%5Blei%5D=INR2EJN1ERAN0W5ZP974").contains("500");
        JsonNode summary = JSON.readTree(home.resolve("runs/run-0001/summary.json").toFile());
        assertThat(summary.get("refusals")).hasSize(1);
        assertThat(summary.get("refusals").get(0).asText()).startsWith("gleif: http://127.0.0.1:")
                .contains("INR2EJN1ERAN0W5ZP974").contains("HTTP 500");
        // the other LEI and Microsoft's reporting exception still made it: curated + 3 Apple answers + 1 exception
        assertThat(summary.get("captures").asInt()).isEqualTo(5);
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
