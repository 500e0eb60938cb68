package org.trustmap.crawler.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * The fetching path of the product-side sources: a loopback server answers at each source's real endpoint path with
 * the real captured fixture; the real Fetcher archives it and the source's parser stages it from the archive. Every
 * staged record names the WARC record it came from.
 */
class FetchedProductSourcesTest {
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

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        "ieee-oui,     /oui/oui.csv,                                                        ieee-oui/oui_subset_prc_vendors_plus.csv,           text/csv",
        "fcc-covered,  /supplychain/coveredlist,                                            fcc-covered/fcc_covered_list_table_2026-03.html,    text/html; charset=utf-8",
        "csl,          /downloadable_consolidated_screening_list/v1/consolidated.csv,       csl/watchman_csl_consolidated_sample_2025.csv,      text/csv",
        "fcc-grantees, /oetcf/eas/reports/GenericSearchResult.cfm,                          fcc-grantees/fcc_eas_auth_search_WVT_quanzhou_wouxun.xml, text/xml",
        "devicecode,   /armijnhemel/devicecode-data/main/TechInfoDepot/devices/Luxul%20XWR-1750.json, devicecode/tid_Luxul_XWR-1750.json, application/json",
    })
    void aSourceFetchedAtItsRealPathIsArchivedAndStagedWithItsRecordId(String source, String path, String fixture,
                                                                       String contentType) throws IOException {
        serve(path.replace("%20", " "), fixture, contentType);
        int port = server.port();
        URI url = URI.create("http://127.0.0.1:" + port + path);
        FetcherConfig config = FetcherConfig.defaults().withLoopbackPorts(Set.of(port))
                .withDelays(Duration.ofMillis(1), Duration.ofSeconds(1));
        try (EvidenceArchive archive = EvidenceArchive.open(dir.resolve("archive"));
             Fetcher fetcher = new Fetcher(config, archive);
             StagingStore staging = StagingStore.inMemory(Path.of("../data/ontology/shapes.ttl"))) {
            FetchOutcome outcome = fetcher.fetch(source, url);

            assertThat(outcome).as(outcome.toString()).isInstanceOf(Fetched.class);
            Capture capture = ((Fetched) outcome).capture();
            assertThat(((Fetched) outcome).isSuccessful()).isTrue();
            assertThat(capture.targetUri()).isEqualTo(url.toString());
            ErrorPolicy.Collecting errors = ErrorPolicy.collecting();
            StageResult result;
            try (InputStream body = archive.open(capture)) {
                result = staging.stage(capture, SourceCatalog.parser(source).orElseThrow(), body, errors);
            }

            assertThat(result.records()).isPositive();
            assertThat(result.problems()).isEmpty();
            Set<String> recordIds = staging.read(dsg -> {
                Graph g = dsg.getGraph(NodeFactory.createURI(capture.graphName()));
                Set<String> ids = new HashSet<>();
                g.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t ->
                        g.find(t.getSubject(), Tm.warcRecordId, Node.ANY)
                                .forEachRemaining(w -> ids.add(w.getObject().getLiteralLexicalForm())));
                return ids;
            });
            assertThat(recordIds).containsExactly(capture.warcRecordId());
        }
    }
}
