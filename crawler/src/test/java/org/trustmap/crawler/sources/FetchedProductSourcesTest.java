package org.trustmap.crawler.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.StageResult;
import org.trustmap.crawler.StagingStore;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.fetch.FetchOutcome;
import org.trustmap.crawler.fetch.Fetched;
import org.trustmap.crawler.fetch.Fetcher;
import org.trustmap.crawler.fetch.FetcherConfig;
import org.trustmap.crawler.sources.vendorpages.VendorPageRule;
import org.trustmap.crawler.sources.vendorpages.VendorPagesParser;

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
        // the Common Criteria portal's certified-products file (the fixture is a real excerpt of it)
        "common-criteria, /products/certified_products.csv,                                 common-criteria/secerts_cc_cc_products_active.csv, text/csv",
        // EUCC records are read as sec-certs scraped JSON: the fixture where sec-certs publishes it
        "eucc,         /crocs-muni/sec-certs/57f072cd08d2d290a667844b069ecbe38d4b0d4d/tests/data/eucc/scraped_metadata.json, eucc/secerts_eucc_scraped_metadata.json, application/json",
        // the CVE record where the fkie-cad mirror of the NVD API 2.0 publishes it
        "nvd-cpe,      /fkie-cad/nvd-json-data-feeds/0f9300119f3ce1ec095f247087f3a3bdfc99ea17/CVE-2023/CVE-2023-13xx/CVE-2023-1389.json, nvd-cpe/nvd_cve_api2_CVE-2023-1389_tp-link.json, application/json",
    })
    void aSourceFetchedAtItsRealPathIsArchivedAndStagedWithItsRecordId(String source, String path, String fixture,
                                                                       String contentType) throws IOException {
        serve(path.replace("%20", " "), fixture, contentType);
        fetchArchiveAndStage(source, server.url(path), SourceCatalog.parser(source).orElseThrow());
    }

    /**
     * The DeepSeek privacy policy snapshot at the page's real path, read with the real rule of
     * {@code data/vendor-pages/deepseek-privacy.yml}: only the host in the rule's page pattern is the loopback
     * server's instead of cdn.deepseek.com (a rule applies to pages by URL, host included).
     */
    @Test
    void vendorPageFetchedAtItsRealPathIsArchivedAndStagedWithItsRecordId() throws IOException {
        String path = "/policies/en-US/deepseek-privacy-policy.html";
        serve(path, "vendor-pages/deepseek_privacy_policy.snapshot.html", "text/html; charset=utf-8");
        String host = "^https://cdn\\.deepseek\\.com/";
        String loopback = "^" + Pattern.quote("http://127.0.0.1:" + server.port()) + "/";
        List<VendorPageRule> rules = new ArrayList<>();
        for (VendorPageRule r : VendorPageRule.load(Path.of("../data/vendor-pages"))) {
            List<Pattern> pages = r.pages().stream().filter(p -> p.pattern().startsWith(host))
                    .map(p -> Pattern.compile(loopback + p.pattern().substring(host.length()))).toList();
            if (!pages.isEmpty()) {
                rules.add(new VendorPageRule(r.id(), pages, r.productVendor(), r.productName(), r.controllerName(),
                        r.legalCountry(), r.basedIn(), r.storedIn()));
            }
        }
        assertThat(rules).extracting(VendorPageRule::id).containsExactly("deepseek-privacy");
        fetchArchiveAndStage("vendor-pages", server.url(path), new VendorPagesParser(rules));
    }

    private void fetchArchiveAndStage(String source, URI url, SourceParser parser) throws IOException {
        FetcherConfig config = FetcherConfig.defaults().withLoopbackPorts(Set.of(server.port()))
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
                result = staging.stage(capture, parser, body, errors);
            }

            assertThat(result.records()).isPositive();
            assertThat(result.problems()).isEmpty();
            Set<String> recordIds = staging.read(dsg -> {
                Graph g = dsg.getGraph(NodeFactory.createURI(capture.graphName()));
                // the archive record id is stated once, on the capture, and given to every record when they are read
                Set<String> ids = new HashSet<>();
                dsg.find(Tm.CAPTURES_GRAPH, NodeFactory.createURI(capture.graphName()), Tm.warcRecordId, Node.ANY)
                        .forEachRemaining(w -> ids.add(w.getObject().getLiteralLexicalForm()));
                assertThat(g.find(Node.ANY, Tm.warcRecordId, Node.ANY).hasNext()).as("per-record ids").isFalse();
                return ids;
            });
            assertThat(recordIds).containsExactly(capture.warcRecordId());
        }
    }
}
