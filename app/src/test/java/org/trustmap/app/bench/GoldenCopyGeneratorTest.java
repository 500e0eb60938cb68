package org.trustmap.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenCopyGeneratorTest {
    @Test
    void syntheticLeisCarryValidIso17442CheckDigits() {
        for (int i : new int[] {0, 1, 123, 99_999, 3_400_000}) {
            String lei = GoldenCopyGenerator.lei(i);
            assertThat(lei).hasSize(20).startsWith("SYNT00");
            assertThat(GoldenCopyGenerator.valid(lei)).isTrue();
        }
        // a real LEI from the GLEIF fixtures checks out the same way
        assertThat(GoldenCopyGenerator.valid("549300YX4S1LLSMK2627")).isTrue();
        assertThat(GoldenCopyGenerator.valid("549300YX4S1LLSMK2628")).isFalse();
    }

    @Test
    void sameSeedGivesSameBytesAndTheFilesAreMarkedSynthetic(@TempDir Path dir) throws Exception {
        var a = new GoldenCopyGenerator(7).generate(dir.resolve("a"), 300, 40);
        var b = new GoldenCopyGenerator(7).generate(dir.resolve("b"), 300, 40);
        for (String f : new String[] {"gleif/lei-data.xml", "gleif/rr-data.xml", "gleif/repex-data.xml", "inventory.csv"}) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(f))).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
            assertThat(Files.readString(dir.resolve("a").resolve(f))).contains("SYNTHETIC");
        }
        String lei = Files.readString(a.gleifFolder().resolve("lei-data.xml"));
        assertThat(lei).contains("<lei:Country>CN</lei:Country>", "<lei:Country>HK</lei:Country>",
                "Synthetic Entity 000000");
        String rr = Files.readString(a.gleifFolder().resolve("rr-data.xml"));
        assertThat(rr).contains("IS_DIRECTLY_CONSOLIDATED_BY", "IS_ULTIMATELY_CONSOLIDATED_BY");
        String repex = Files.readString(a.gleifFolder().resolve("repex-data.xml"));
        assertThat(repex).contains("NATURAL_PERSONS", "NON_CONSOLIDATING", "NON_PUBLIC");
        assertThat(Files.readAllLines(a.inventory())).hasSize(3 + 40);
        assertThat(a.relationships()).isEqualTo(b.relationships()).isPositive();
    }

    @Test
    void aChangedRunDiffersInTheChosenPercentOfRecordsOnlyAndZipsHoldTheSameBytes(@TempDir Path dir) throws Exception {
        var full = new GoldenCopyGenerator(7).generate(dir.resolve("full"), 1_000, 40);
        var changed = new GoldenCopyGenerator(7, 1).generate(dir.resolve("changed"), 1_000, 40);
        List<String> a = records(Files.readString(full.gleifFolder().resolve("lei-data.xml")));
        List<String> b = records(Files.readString(changed.gleifFolder().resolve("lei-data.xml")));
        assertThat(b).hasSameSizeAs(a);
        long differing = java.util.stream.IntStream.range(0, a.size()).filter(i -> !a.get(i).equals(b.get(i))).count();
        assertThat(differing).isEqualTo(10);
        assertThat(Files.readString(changed.gleifFolder().resolve("rr-data.xml")))
                .isEqualTo(Files.readString(full.gleifFolder().resolve("rr-data.xml")));

        byte[] plain = Files.readAllBytes(full.gleifFolder().resolve("lei-data.xml"));
        GoldenCopyGenerator.zip(full.gleifFolder());
        assertThat(full.gleifFolder().resolve("lei-data.xml")).doesNotExist();
        try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(full.gleifFolder().resolve("lei-data.xml.zip")))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("lei-data.xml");
            assertThat(zip.readAllBytes()).isEqualTo(plain);
        }
    }

    @Test
    void aDeltaHoldsExactlyTheChangedRecordsAsTheRepublishedCopyStatesThem(@TempDir Path dir) throws Exception {
        var changed = new GoldenCopyGenerator(7, 1).generate(dir.resolve("changed"), 1_000, 40);
        var full = new GoldenCopyGenerator(7).generate(dir.resolve("full"), 1_000, 40);
        int n = new GoldenCopyGenerator(7, 1).generateDelta(dir.resolve("delta"), 1_000);
        String deltaXml = Files.readString(dir.resolve("delta/gleif/lei-lastday.xml"));
        List<String> delta = records(deltaXml).subList(1, n + 1);
        List<String> republished = records(Files.readString(changed.gleifFolder().resolve("lei-data.xml")));
        List<String> before = records(Files.readString(full.gleifFolder().resolve("lei-data.xml")));
        List<String> differing = java.util.stream.IntStream.range(0, before.size())
                .filter(i -> !before.get(i).equals(republished.get(i))).mapToObj(republished::get).toList();
        assertThat(n).isEqualTo(10);
        // the last record of each list still carries the closing tags of the file: compare records only
        assertThat(delta.stream().map(GoldenCopyGeneratorTest::record).toList())
                .isEqualTo(differing.stream().map(GoldenCopyGeneratorTest::record).toList());
        assertThat(delta).allSatisfy(r -> assertThat(r).contains("2026-01-02T00:00:00.000Z", "<lei:Country>SG</lei:Country>"));
        assertThat(deltaXml).contains("<lei:RecordCount>10</lei:RecordCount>", "GLEIF_LAST_DAY", "SYNTHETIC");
    }

    private static String record(String chunk) {
        return chunk.substring(0, chunk.indexOf("</lei:LEIRecord>"));
    }

    private static List<String> records(String xml) {
        return List.of(xml.split("<lei:LEIRecord "));
    }
}
