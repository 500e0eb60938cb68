package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.graph.internal.Names;

/**
 * The scored name match on real spellings: IEEE MA-L registry rows ({@code pipeline/ieee-oui/oui-lookalikes.csv},
 * copied verbatim from {@code /work/shared/fixtures/ieee_oui/oui.csv}), the Section 1260H list, the FCC Covered
 * List and a vendor's privacy policy. Correct merges and correct non-merges of look-alike names.
 */
class ResolutionScoredNameTest {
    private static final double THRESHOLD = ResolutionSettings.DEFAULT_THRESHOLD;

    /**
     * MATCH: scores at or above the default threshold; BELOW: scored, below it; NEVER: one distinctive word,
     * initials or generic words only, so never scored (only an exact name or an identifier can merge them).
     */
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # 1260H clean name            | IEEE MA-L 4447CC / the case the brief names
            Hangzhou Hikvision Digital Technology Co., Ltd.      | HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO.,LTD.           | MATCH
            # IEEE MA-L 4447CC            | FCC Covered List entry text
            Hangzhou Hikvision Digital Technology Co.,Ltd.       | Hangzhou Hikvision Digital Technology Company            | MATCH
            # IEEE rows 9C305B / A4AE11 / 843095: "Ind." is "Industry"
            Hon Hai Precision Ind. Co.,Ltd.                      | Hon Hai Precision Industry Co., Ltd.                     | MATCH
            Hon Hai Precision IND.CO.,LTD                        | Hon Hai Precision Industry Co., Ltd.                     | MATCH
            # IEEE B8C855 / AC34CB, one registrant with a typo in the city
            Shanghai GBCOM Communication Technology Co.,Ltd.     | Shanhai GBCOM Communication Technology Co. Ltd           | MATCH
            # IEEE 005043 / F4C7AA
            MARVELL SEMICONDUCTOR, INC.                          | Marvell Semiconductors                                   | MATCH
            # IEEE rows of BSH: German transliteration
            BSH Hausgeraete GmbH                                 | BSH Hausgeräte GmbH                                      | MATCH
            # IEEE rows of Yealink: word order
            XIAMEN YEALINK NETWORK TECHNOLOGY CO.,LTD            | YEALINK(XIAMEN) NETWORK TECHNOLOGY CO.,LTD.              | MATCH
            # two different "... Technology Co., Ltd." companies of Hangzhou (IEEE 08EDED / 4447CC / 64F2FB)
            Zhejiang Dahua Technology Co., Ltd.                  | Hangzhou Hikvision Digital Technology Co.,Ltd.           | BELOW
            Hangzhou Ezviz Software Co.,Ltd.                     | Hangzhou Hikvision Digital Technology Co.,Ltd.           | BELOW
            Beijing Xiaomi Electronics Co., Ltd.                 | Beijing Xiaomi Mobile Software Co., Ltd                  | BELOW
            # look-alikes in the same country of the IEEE registry
            Queclink Wireless Solutions Co., Ltd                 | Quectel Wireless Solutions Co., Ltd.                     | BELOW
            MITSUMI ELECTRIC CO.,LTD.                            | Mitsubishi Electric Corporation                          | BELOW
            NISSEI ELECTRIC CO., LTD.                            | NISSIN ELECTRIC CO., LTD.                                | BELOW
            CONVEX COMPUTER CORPORATION                          | Convey Computer Corp.                                    | BELOW
            Shenzhen Lantech Electronics Co., Ltd.               | Shenzhen Longtech Electronics Co.,Ltd                    | BELOW
            SHENYANG TONGFANG MULTIMEDIA TECHNOLOGY COMPANY LIMITED | Shenzhen  Tongfang Multimedia  Technology Co.,Ltd.    | BELOW
            # one distinctive word: TP-Link (IEEE D03745 CN, 003192 HK; TP-Link's US privacy policy)
            TP-LINK TECHNOLOGIES CO.,LTD.                        | TP-Link Systems Inc.                                     | NEVER
            TP-LINK TECHNOLOGIES CO.,LTD.                        | TP-Link Corporation Limited                              | NEVER
            HUAWEI TECHNOLOGIES CO.,LTD                          | Huawei Device Co., Ltd.                                  | NEVER
            Xiaomi Communications Co Ltd                         | XIAOMI Electronics,CO.,LTD                               | NEVER
            Tenda Technology Co.,Ltd.Dongguan branch             | Tenda Technology Co., Ltd.                               | NEVER
            D-Link International                                 | D-Link Corporation                                       | NEVER
            # a joint venture is not its parent (IEEE 0022A1 / 30FBB8): "Huawei Technologies" is one distinctive word
            Huawei Symantec Technologies Co.,Ltd.                | HUAWEI TECHNOLOGIES CO.,LTD                              | NEVER
            # initials (IEEE 60391F / 001293)
            ABB Ltd                                              | ABB Switzerland Ltd.                                     | NEVER
            """)
    void realSpellingsScoreAsExpected(String left, String right, String expected) {
        OptionalDouble score = Names.similarity(left, right);
        switch (expected) {
            case "MATCH" -> assertThat(score.orElse(-1)).as(left + " ~ " + right).isGreaterThanOrEqualTo(THRESHOLD);
            case "BELOW" -> assertThat(score.orElse(-1)).as(left + " ~ " + right).isBetween(0.0, THRESHOLD - 1e-9);
            default -> assertThat(score).as(left + " ~ " + right).isEmpty();
        }
        assertThat(Names.similarity(right, left)).isEqualTo(score);
    }

    @Test
    void registryRowsOfOneCompanyMergeWithTheirScoreAndLookAlikesStayApart(@TempDir Path dir) throws Exception {
        try (Pipeline pipeline = new Pipeline(dir)) {
            pipeline.sourceResource("ieee-oui", "oui-lookalikes.csv");
            assertThat(pipeline.problems()).isEmpty();
            ResolvedGraph graph = pipeline.resolve();

            ResolvedGraph.Org honHai = single(graph, "hon hai");
            assertThat(honHai.names()).containsExactlyInAnyOrder("Hon Hai Precision Ind. Co.,Ltd.",
                    "Hon Hai Precision Industry Co., Ltd.");
            assertThat(graph.merges()).filteredOn(m -> m.orgId().equals(honHai.id())).singleElement().satisfies(m -> {
                assertThat(m.score()).isEqualTo(1.0);
                assertThat(m.reason()).contains("scored 1.000 (threshold 0.920)").contains(" in CN");
            });
            ResolvedGraph.Org gbcom = single(graph, "gbcom");
            assertThat(graph.merges()).filteredOn(m -> m.orgId().equals(gbcom.id())).singleElement()
                    .satisfies(m -> assertThat(m.score()).isBetween(THRESHOLD, 0.999));
            single(graph, "marvell");

            assertThat(named(graph, "huawei")).hasSize(3);
            assertThat(named(graph, "xiaomi")).hasSize(4);
            assertThat(named(graph, "tenda")).hasSize(2);
            assertThat(named(graph, "tp-link")).hasSize(2);
            assertThat(named(graph, "wireless solutions")).hasSize(2);
            assertThat(named(graph, "mitsu")).hasSize(2);
            assertThat(named(graph, "hangzhou")).hasSize(2);
            assertThat(named(graph, "dahua")).hasSize(1);
        }
    }

    @Test
    void aNotSameJudgementBlocksAScoredMergeForGood(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("judgements.csv");
        Files.writeString(file, """
                # constructed test judgement on real registry rows
                left,right,judgement,analyst,date,note
                "name:Hon Hai Precision Ind. Co.,Ltd.@CN","name:Hon Hai Precision Industry Co., Ltd.@CN",NOT_SAME,test,2026-12-02,constructed
                """);
        try (Pipeline pipeline = new Pipeline(dir.resolve("p"))) {
            pipeline.sourceResource("ieee-oui", "oui-lookalikes.csv");
            ResolvedGraph graph = pipeline.resolve(Judgements.load(file));
            assertThat(named(graph, "hon hai")).hasSize(2);
            assertThat(graph.merges()).noneMatch(m -> m.score() != null && m.reason().contains("Hon Hai"));
        }
    }

    @Test
    void theThresholdComesFromTheSettingsFile(@TempDir Path dir) throws Exception {
        Path strict = dir.resolve("resolution.yml");
        Files.writeString(strict, "name_match:\n  threshold: 0.99\n");
        assertThat(ResolutionSettings.load(Path.of("../data/resolution.yml")).nameMatchThreshold()).isEqualTo(THRESHOLD);
        try (Pipeline pipeline = new Pipeline(dir.resolve("p"))) {
            pipeline.sourceResource("ieee-oui", "oui-lookalikes.csv");
            ResolvedGraph graph = pipeline.resolve(Judgements.none(), ResolutionSettings.load(strict));
            // Hon Hai scores 1.0 and still merges; GBCOM's typo (0.975) no longer does
            assertThat(named(graph, "hon hai")).hasSize(1);
            assertThat(named(graph, "gbcom")).hasSize(2);
        }
        Files.writeString(strict, "name_match:\n  threshold: high\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResolutionSettings.load(strict))
                .hasMessageContaining("resolution.yml").hasMessageContaining("name_match.threshold");
    }

    /**
     * Two registered entities with look-alike names in one country (constructed BODS statements, fictional
     * companies): different numbers under the same register keep them apart; without identifiers they merge.
     */
    @Test
    void differentRegistrationNumbersNeverMergeOnAScoredName(@TempDir Path dir) throws Exception {
        String entity = """
                {"statementId": "%1$s", "statementDate": "2026-12-01", "recordId": "%1$s", "recordStatus": "new",
                 "recordType": "entity", "publicationDetails": {"publicationDate": "2026-12-01", "bodsVersion": "0.4",
                 "publisher": {"name": "constructed test statement"}},
                 "recordDetails": {"isComponent": false, "entityType": {"type": "registeredEntity"}, "name": "%2$s",
                  "jurisdiction": {"code": "GB"}%3$s}}""";
        String registered = "[" + String.format(entity, "e1", "Example Photonics Instruments Ltd",
                ", \"identifiers\": [{\"scheme\": \"GB-COH\", \"id\": \"00000001\"}]") + ","
                + String.format(entity, "e2", "EXAMPLE PHOTONIC INSTRUMENTS LIMITED",
                ", \"identifiers\": [{\"scheme\": \"GB-COH\", \"id\": \"00000002\"}]") + "]";
        String unregistered = "[" + String.format(entity, "e1", "Example Photonics Instruments Ltd", "") + ","
                + String.format(entity, "e2", "EXAMPLE PHOTONIC INSTRUMENTS LIMITED", "") + "]";
        assertThat(Names.similarity("Example Photonics Instruments Ltd", "EXAMPLE PHOTONIC INSTRUMENTS LIMITED")
                .orElse(-1)).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(photonics(dir.resolve("a"), registered)).hasSize(2);
        assertThat(photonics(dir.resolve("b"), unregistered)).hasSize(1);
    }

    private static List<ResolvedGraph.Org> photonics(Path dir, String bods) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("constructed-photonics.json");
        Files.writeString(file, bods, StandardCharsets.UTF_8);
        try (Pipeline pipeline = new Pipeline(dir.resolve("p"))) {
            pipeline.source("bods", file);
            assertThat(pipeline.problems()).isEmpty();
            return named(pipeline.resolve(), "photonic");
        }
    }

    private static ResolvedGraph.Org single(ResolvedGraph graph, String part) {
        List<ResolvedGraph.Org> orgs = named(graph, part);
        assertThat(orgs).as(part + " in " + graph.organizations()).hasSize(1);
        return orgs.get(0);
    }

    static List<ResolvedGraph.Org> named(ResolvedGraph graph, String part) {
        return graph.organizations().stream().filter(o -> o.names().stream()
                .anyMatch(n -> n.toLowerCase(Locale.ROOT).contains(part))).toList();
    }
}
