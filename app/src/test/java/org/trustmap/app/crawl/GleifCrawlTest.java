package org.trustmap.app.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.fetch.Fetcher;

/**
 * The walk's requests against the loopback GLEIF server, with the real Fetcher and WARC archive: one record look-up
 * for many LEIs, and per LEI only the look-ups its record's links name.
 */
class GleifCrawlTest {
    /** The twelve LEIs of the real multi-record page, in the order of its own {@code first} link. */
    static final List<String> PAGE_LEIS = List.of("21380068P1DRHMJ8KU70", "254900LNRYNOQ9YPU758",
            "254900MSZM6DMP853B11", "335800CCCPHKUOXPC332", "5299001ERX0K10IZUL40", "529900GRZ2BQY5ZM9N49",
            "5493001KJTIIGC8Y1R12", "549300YX4S1LLSMK2627", "851WYGNLUQLFZBSYGB56", "INR2EJN1ERAN0W5ZP974",
            "549300O897ZC5H7CY412", "984500983AD71E4FBC41");
    static final String AMAZON_DIGITAL_UK = "254900LNRYNOQ9YPU758";

    @TempDir
    Path tmp;

    List<String> crawl(GleifApiServer api, List<String> leis, GleifCrawl.Bounds bounds) throws Exception {
        CrawlerProperties props = new CrawlerProperties(null, Duration.ofMillis(10), 2, Duration.ofMillis(10), null);
        SourceSettings gleif = SourceSettings.load(GleifCrawlRefreshTest.DATA.resolve("sources.yml"),
                Map.of("gleif", api.baseUrl())).get("gleif");
        try (EvidenceArchive archive = EvidenceArchive.open(tmp.resolve("archive"));
             Fetcher fetcher = new Fetcher(props.fetcherConfig(true), archive)) {
            new GleifCrawl(fetcher, archive, gleif, bounds).crawl(leis, List.of());
        }
        return List.copyOf(api.requests);
    }

    @Test
    void manyLeisTakeOneRecordLookUpAndEachRecordOnlyTheLookUpsItsLinksName() throws Exception {
        List<String> requests;
        try (GleifApiServer api = new GleifApiServer()) {
            api.page(Set.copyOf(PAGE_LEIS), "api_multi_lei_records.json");
            requests = crawl(api, PAGE_LEIS, new GleifCrawl.Bounds(0, 200, 0));
        }

        assertThat(requests.get(1)).isEqualTo("/api/v1/lei-records?filter[lei]=" + String.join(",", PAGE_LEIS)
                + "&page[size]=200");
        List<String> perLei = requests.stream().filter(r -> r.startsWith("/api/v1/lei-records/")).toList();
        assertThat(perLei).as("two per record: the relationship where it names a parent, else the exception")
                .hasSize(2 * PAGE_LEIS.size())
                .contains("/api/v1/lei-records/" + AMAZON_DIGITAL_UK + "/direct-parent-reporting-exception",
                        "/api/v1/lei-records/" + AMAZON_DIGITAL_UK + "/ultimate-parent-relationship",
                        "/api/v1/lei-records/" + GleifApiServer.APPLE_ENERGY + "/direct-parent-relationship",
                        "/api/v1/lei-records/" + GleifApiServer.APPLE_ENERGY + "/ultimate-parent-relationship",
                        "/api/v1/lei-records/" + GleifApiServer.MICROSOFT + "/direct-parent-reporting-exception",
                        "/api/v1/lei-records/" + GleifApiServer.MICROSOFT + "/ultimate-parent-reporting-exception")
                .doesNotContain("/api/v1/lei-records/" + AMAZON_DIGITAL_UK + "/direct-parent-relationship",
                        "/api/v1/lei-records/" + GleifApiServer.MICROSOFT + "/direct-parent-relationship");
        assertThat(requests.get(requests.size() - 1)).as("depth 0: the parent's record is fetched, not walked")
                .isEqualTo("/api/v1/lei-records?filter[lei]=" + GleifApiServer.APPLE_INC + "&page[size]=200");
    }

    @Test
    void recordLookUpsAreSplitIntoBatchesAndEveryLeiIsWalkedOnce() throws Exception {
        List<String> requests;
        try (GleifApiServer api = new GleifApiServer()) {
            requests = crawl(api, List.of(GleifApiServer.APPLE_ENERGY, GleifApiServer.MICROSOFT,
                    GleifApiServer.APPLE_INC), new GleifCrawl.Bounds(5, 2, 0));
        }

        assertThat(requests.stream().filter(r -> r.contains("filter[lei]=")).toList()).containsExactly(
                "/api/v1/lei-records?filter[lei]=" + GleifApiServer.APPLE_ENERGY + "," + GleifApiServer.MICROSOFT
                        + "&page[size]=200",
                "/api/v1/lei-records?filter[lei]=" + GleifApiServer.APPLE_INC + "&page[size]=200");
        assertThat(requests).as("Apple Inc., an input and Apple Energy's parent, is walked once")
                .containsOnlyOnce("/api/v1/lei-records/" + GleifApiServer.APPLE_INC
                        + "/direct-parent-reporting-exception");
        assertThat(requests).doesNotHaveDuplicates();
    }
}
