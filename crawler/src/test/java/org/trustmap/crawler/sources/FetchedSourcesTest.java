package org.trustmap.crawler.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ErrorPolicy;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.StageResult;
import org.trustmap.crawler.StagingStore;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.fetch.FetchOutcome;
import org.trustmap.crawler.fetch.Fetched;
import org.trustmap.crawler.fetch.Fetcher;
import org.trustmap.crawler.fetch.FetcherConfig;
import org.trustmap.crawler.sources.wikidata.WikidataQuery;

/**
 * The fetching path of the ownership and jurisdiction sources: a loopback server (JDK HttpServer on 127.0.0.1, port
 * 0) answers at each source's real endpoint path with its fixture; the real Fetcher, allowed that one loopback port,
 * archives the response to WARC, and the source's parser stages it from the archive into the staging store (SHACL
 * checked). Asserted: the chains the fixture states, and that every staged record names the WARC record it came
 * from. The opensanctions, bods and uk-psc fixtures are real captures; ares and wikidata are CONSTRUCTED responses
 * (see their SOURCES.md), served at the real API paths. Paths: opensanctions as on data.opensanctions.org and
 * raw.githubusercontent.com (sources.yml); bods has no fixed endpoint, so its examples are served at their
 * raw.githubusercontent.com path in openownership/data-standard; uk-psc: Companies House serves the snapshot as zip
 * parts ({@code persons-with-significant-control-snapshot-DATE_NofM.zip}); a part is served here as a zip built from
 * the real lines, and also unzipped under the name of the file inside the zip.
 */
class FetchedSourcesTest {
    @TempDir
    Path dir;
    FixtureServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FixtureServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void serve(String path, String fixture, String contentType) throws IOException {
        server.serve(path, fixture, contentType);
    }

    record Staged(Capture capture, List<String> controlLinks, Set<String> recordIds, List<String> problems) {
    }

    /** Fetches {@code pathAndQuery} from the loopback server and stages it with the source's parser. */
    Staged fetchAndStage(String source, String pathAndQuery) throws IOException {
        int port = server.port();
        URI url = URI.create("http://127.0.0.1:" + port + pathAndQuery);
        FetcherConfig config = FetcherConfig.defaults().withLoopbackPorts(Set.of(port))
                .withDelays(Duration.ofMillis(1), Duration.ofSeconds(1));
        try (EvidenceArchive archive = EvidenceArchive.open(dir.resolve("archive-" + source));
             Fetcher fetcher = new Fetcher(config, archive);
             StagingStore staging = StagingStore.inMemory(Path.of("../data/ontology/shapes.ttl"))) {
            FetchOutcome outcome = fetcher.fetch(source, url);
            assertThat(outcome).as(outcome.toString()).isInstanceOf(Fetched.class);
            assertThat(((Fetched) outcome).isSuccessful()).isTrue();
            Capture capture = ((Fetched) outcome).capture();
            assertThat(capture.targetUri()).isEqualTo(url.toString());
            assertThat(capture.warcRecordId()).startsWith("<urn:uuid:");
            ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
            StageResult result;
            try (InputStream body = archive.open(capture)) {
                result = staging.stage(capture, SourceCatalog.parser(source).orElseThrow(), body, errors);
            }
            assertThat(result.records()).isPositive();
            return staging.read(dsg -> {
                Graph g = dsg.getGraph(NodeFactory.createURI(capture.graphName()));
                // the archive record id is stated once, on the capture, and given to every record when they are read
                Set<String> ids = new HashSet<>();
                dsg.find(Tm.CAPTURES_GRAPH, NodeFactory.createURI(capture.graphName()), Tm.warcRecordId, Node.ANY)
                        .forEachRemaining(w -> ids.add(w.getObject().getLiteralLexicalForm()));
                assertThat(g.find(Node.ANY, Tm.warcRecordId, Node.ANY).hasNext()).as("per-record ids").isFalse();
                List<String> links = new ArrayList<>();
                g.find(Node.ANY, Tm.relation, NodeFactory.createLiteralString("CONTROLLED_BY")).forEachRemaining(t -> {
                    Node link = t.getSubject();
                    String kind = one(g, link, Tm.controlKind);
                    String share = one(g, link, Tm.share);
                    links.add(name(g, g.find(link, Tm.from, Node.ANY).next().getObject()) + " -> "
                            + name(g, g.find(link, Tm.to, Node.ANY).next().getObject()) + " " + kind
                            + (share == null ? "" : " " + new java.math.BigDecimal(share).stripTrailingZeros().toPlainString()));
                });
                return new Staged(capture, links, ids, result.problems().stream().map(Object::toString).toList());
            });
        }
    }

    private static String one(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
    }

    private static String name(Graph g, Node s) {
        String name = one(g, s, Tm.name);
        return name == null ? s.getURI() : name;
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiter = '|', value = {
        // source     | real endpoint path                                                                                    | fixture                                                        | content type                 | a chain it states
        "opensanctions | /opensanctions/opensanctions/refs/heads/main/datasets/us/dod_chinese_milcorps/sanctions.csv        | opensanctions/us_dod_chinese_milcorps_1260h_sanctions.csv        | text/csv                     | Hangzhou Hikvision Digital Technology Co., Ltd. -> China Electronics Technology Group Corporation STATED",
        "opensanctions | /opensanctions/opensanctions/refs/heads/main/datasets/us/dod_chinese_milcorps/sanctions.csv        | opensanctions/us_dod_chinese_milcorps_1260h_sanctions.csv        | text/csv                     | Hangzhou Hikvision Digital Technology Co., Ltd. -> State-owned Assets Supervision and Administration Commission of the State Council STATE",
        "opensanctions | /datasets/latest/sanctions/entities.ftm.json                                                         | opensanctions/ftm_zala_cluster_companies.ftm.json                | application/json             | LLC CST -> JSC Kalashnikov Concern SHAREHOLDING 49",
        "bods          | /openownership/data-standard/d97e79829b3bbdc759bc35c814b002c65ff75e95/examples/bods-package-fi-soe.json | bods/bods_example_bods-package-fi-soe.json                   | application/json             | Gasgrid Finland Oy -> Valtiovarainministerio STATE 23.5",
        "bods          | /openownership/data-standard/d97e79829b3bbdc759bc35c814b002c65ff75e95/examples/bods-package-entity-owning-entity.json | bods/bods_example_bods-package-entity-owning-entity.json | application/json | JENEX LIMITED -> MVJ LIMITED SHAREHOLDING 75",
        "uk-psc        | /persons-with-significant-control-snapshot-2024-12-19_1of28.txt                                      | uk-psc/psc-data-2.json                                          | text/plain                   | GB-COH-07434180 -> Robert Hitchins Limited SHAREHOLDING_BAND 75",
        "uk-psc        | /persons-with-significant-control-snapshot-2024-12-19_2of28.txt                                      | uk-psc/psc-data-5.json                                          | text/plain                   | GB-COH-07102351 -> State Administration Of Foreign Exchange STATE 75",
        "ares          | /ekonomicke-subjekty-v-be/rest/ekonomicke-subjekty-vr/99999991                                       | ares/constructed_vr_response.json                               | application/json             | Constructed Example s.r.o. -> Constructed Parent Co., Ltd. SHAREHOLDING 60.5",
    })
    void anOwnershipSourceFetchedAtItsRealPathStagesItsChainsWithTheWarcRecordId(String source, String path,
            String fixture, String contentType, String chain) throws IOException {
        serve(path, fixture, contentType);

        Staged staged = fetchAndStage(source, path);

        assertThat(staged.problems()).isEmpty();
        assertThat(staged.controlLinks()).contains(chain);
        assertThat(staged.recordIds()).containsExactly(staged.capture().warcRecordId());
    }

    @Test
    void aUkPscSnapshotPartFetchedAsPublishedAZipIsStagedEntryByEntry() throws IOException {
        String part = "persons-with-significant-control-snapshot-2024-12-19_1of28";
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry(part + ".txt"));
            z.write(SourceFixture.bytes("uk-psc", "psc-data-2.json"));
            z.closeEntry();
        }
        server.serve("/" + part + ".zip", zip.toByteArray(), "application/zip");

        Staged staged = fetchAndStage("uk-psc", "/" + part + ".zip");

        assertThat(staged.problems()).isEmpty();
        assertThat(staged.controlLinks()).contains("GB-COH-07434180 -> Robert Hitchins Limited SHAREHOLDING_BAND 75");
        assertThat(staged.recordIds()).containsExactly(staged.capture().warcRecordId());
    }

    @Test
    void aresBasicRecordFetchedAtItsRealPath() throws IOException {
        String path = "/ekonomicke-subjekty-v-be/rest/ekonomicke-subjekty/99999991";
        serve(path, "ares/constructed_basic_response.json", "application/json");

        Staged staged = fetchAndStage("ares", path);

        assertThat(staged.problems()).isEmpty();
        assertThat(staged.controlLinks()).isEmpty();
        assertThat(staged.recordIds()).containsExactly(staged.capture().warcRecordId());
    }

    @Test
    void wikidataQueryResultsFetchedFromTheSparqlEndpointStageTheirChains() throws IOException {
        serve("/sparql", "wikidata/constructed_organizations_results.json", "application/sparql-results+json");
        int port = server.port();
        URI url = WikidataQuery.url("http://127.0.0.1:" + port + "/sparql", List.of("Q0000001", "Q0000006",
                "Q0000007", "Q0000009"));
        String pathAndQuery = url.getRawPath() + "?" + url.getRawQuery();
        assertThat(pathAndQuery).startsWith("/sparql?format=json&query="
                + URLEncoder.encode("# Trustmap", StandardCharsets.UTF_8));

        Staged staged = fetchAndStage("wikidata", pathAndQuery);

        assertThat(staged.problems()).hasSize(3); // the constructed file's deliberately bad rows
        assertThat(staged.controlLinks()).contains(
                "Constructed Camera Co., Ltd. -> Constructed Holding Group SHAREHOLDING 42",
                "Constructed Camera Co., Ltd. -> Constructed Holding Group STATED",
                "ConBrand -> Constructed Camera Co., Ltd. BRAND_OWNER");
        assertThat(staged.recordIds()).containsExactly(staged.capture().warcRecordId());
    }
}
