package org.trustmap.app.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.app.cli.TrustmapCommand;

class SourceSettingsTest {
    static final Path DATA = Path.of("../data").toAbsolutePath().normalize();
    static final Path SOURCES = DATA.resolve("sources.yml");

    @Test
    void gleifEntryOfTheBundledFileHasItsApiRootAndLookups() throws Exception {
        SourceSettings gleif = SourceSettings.load(SOURCES, Map.of()).get("gleif");

        assertThat(gleif.baseUrl()).contains("https://api.gleif.org/api/v1/");
        assertThat(gleif.lookups()).contains("lei-records?filter[lei]={leis}&page[size]=200",
                "lei-records/{lei}/direct-parent-relationship", "lei-records/{lei}/ultimate-parent-relationship",
                "lei-records/{lei}/direct-parent-reporting-exception",
                "lei-records/{lei}/ultimate-parent-reporting-exception");
        GleifLookups lookups = GleifLookups.of(gleif.lookups());
        assertThat(lookups.records()).isPresent();
        assertThat(lookups.search()).get().asString().contains("filter[entity.legalName]={name}")
                .contains("filter[entity.legalAddress.country]={country}");
        assertThat(lookups.relatives()).extracting(r -> r.level() + " " + r.kind()).containsExactly(
                "direct RELATIONSHIP", "ultimate RELATIONSHIP", "direct EXCEPTION", "ultimate EXCEPTION");
        assertThat(lookups.unknown()).isEmpty();
        assertThat(gleif.licence()).isEqualTo("CC0 1.0");
        assertThat(gleif.localOnly()).isFalse();
        assertThat(SourceSettings.load(SOURCES, Map.of()).get("curated").localOnly()).isTrue();
    }

    @Test
    void sourceUrlReplacesTheBaseUrlAndLookupsResolveUnderIt() throws Exception {
        SourceSettings gleif = SourceSettings.load(SOURCES, Map.of("gleif", "http://127.0.0.1:8080/api/v1"))
                .get("gleif");

        assertThat(gleif.baseUrl()).contains("http://127.0.0.1:8080/api/v1/");
        assertThat(gleif.lookup("lei-records?filter[lei]={lei}", "549300YX4S1LLSMK2627")).hasToString(
                "http://127.0.0.1:8080/api/v1/lei-records?filter%5Blei%5D=549300YX4S1LLSMK2627");
        assertThat(gleif.lookup("lei-records/{lei}/direct-parent", "549300YX4S1LLSMK2627")).hasToString(
                "http://127.0.0.1:8080/api/v1/lei-records/549300YX4S1LLSMK2627/direct-parent");
    }

    @Test
    void namedPlaceholdersArePercentEncodedAsQueryValues() throws Exception {
        SourceSettings gleif = SourceSettings.load(SOURCES, Map.of("gleif", "http://127.0.0.1:8080/api/v1"))
                .get("gleif");

        assertThat(gleif.lookup("lei-records?filter[lei]={leis}&page[size]=200",
                Map.of("leis", "549300YX4S1LLSMK2627,INR2EJN1ERAN0W5ZP974"))).hasToString(
                "http://127.0.0.1:8080/api/v1/lei-records?filter%5Blei%5D=549300YX4S1LLSMK2627%2CINR2EJN1ERAN0W5ZP974"
                        + "&page%5Bsize%5D=200");
        assertThat(gleif.lookup("lei-records?filter[entity.legalName]={name}&filter[entity.legalAddress.country]={country}",
                Map.of("name", "Hangzhou Hikvision Digital Technology Co.,Ltd. & [x]", "country", "CN"))).hasToString(
                "http://127.0.0.1:8080/api/v1/lei-records?filter%5Bentity.legalName%5D="
                        + "Hangzhou%20Hikvision%20Digital%20Technology%20Co.%2CLtd.%20%26%20%5Bx%5D"
                        + "&filter%5Bentity.legalAddress.country%5D=CN");
    }

    @Test
    void replayPrefixesKeepTheDocumentedAndTheOverriddenBaseUrl() throws Exception {
        Map<String, List<String>> prefixes = SourceSettings.urlPrefixes(SourceSettings.load(SOURCES, Map.of()),
                SourceSettings.load(SOURCES, Map.of("gleif", "http://mirror.example/gleif/")));

        assertThat(prefixes.get("gleif")).startsWith("http://mirror.example/gleif/", "https://api.gleif.org/api/v1/");
        assertThat(prefixes).doesNotContainKey("curated");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nosuch=http://127.0.0.1/  | unknown source 'nosuch'",
        "curated=http://127.0.0.1/ | source 'curated' is local only",
        "gleif=ftp://mirror/gleif/ | must be an absolute http(s) URL",
        "gleif=/api/v1/            | must be an absolute http(s) URL"})
    void badSourceUrlIsBadInputNamingIt(String option, String message) {
        String[] idAndUrl = option.split("=", 2);

        assertThatThrownBy(() -> SourceSettings.load(SOURCES, Map.of(idAndUrl[0], idAndUrl[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void badSourceUrlOnTheCommandLineExitsWithTwoBeforeAnythingStarts(@TempDir Path home) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = TrustmapCommand.execute(new PrintWriter(out), new PrintWriter(err), "refresh", "--home",
                home.toString(), "--data", DATA.toString(), "--source-url", "glief=http://127.0.0.1:1/");

        assertThat(code).isEqualTo(TrustmapCommand.BAD_INPUT);
        assertThat(err.toString()).contains("--source-url glief=http://127.0.0.1:1/: unknown source 'glief'");
        assertThat(home).isEmptyDirectory();
    }

    @Test
    void malformedFileIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sources.yml");
        Files.writeString(file, "sources:\n  gleif:\n    formats: [a, b (c[])]\n");

        assertThatThrownBy(() -> SourceSettings.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(file + ":3: ");
    }
}
