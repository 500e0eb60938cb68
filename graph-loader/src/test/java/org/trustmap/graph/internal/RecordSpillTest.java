package org.trustmap.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file resolve keeps its records in: what is written is read back (across segments), IRIs compare as their
 * strings do (where UTF-8 and UTF-16 orders differ too), and nothing is left in the directory.
 */
class RecordSpillTest {
    @TempDir
    Path dir;

    @Test
    void recordsAreReadBackAsWrittenAcrossSegmentsAndTheFileIsNotLeftInItsDirectory() throws Exception {
        RecordSpill spill = RecordSpill.create(dir, 4_096);
        assertThat(Files.list(dir)).as("the file is removed from its directory as soon as it is open").isEmpty();
        List<Long> addresses = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] v = new byte[random.nextInt(300)];
            random.nextBytes(v);
            values.add(v);
            addresses.add(spill.put("urn:trustmap:rec:test:" + i + "-é", v));
        }
        assertThat(addresses.get(addresses.size() - 1)).as("many segments were used").isGreaterThan(40 * 4_096L);
        for (int i = 0; i < addresses.size(); i++) {
            assertThat(spill.iri(addresses.get(i))).isEqualTo("urn:trustmap:rec:test:" + i + "-é");
            assertThat(spill.values(addresses.get(i))).isEqualTo(values.get(i));
        }
        assertThatThrownBy(() -> spill.put("urn:trustmap:rec:test:big", new byte[5_000]))
                .hasMessageContaining("urn:trustmap:rec:test:big").hasMessageContaining("5000 bytes");
    }

    @Test
    void irisCompareAsTheirStringsDo() {
        RecordSpill spill = RecordSpill.create(dir);
        // ASCII with long shared prefixes (compared 8 bytes at a time), prefixes of each other, Latin-1, CJK, and
        // characters from U+E000 to U+FFFF against ones beyond U+FFFF (UTF-16 and UTF-8 order those differently)
        List<String> iris = new ArrayList<>(List.of("urn:trustmap:rec:gleif:a:lei%2F529900", "urn:trustmap:rec:gleif:a:lei%2F5299",
                "urn:trustmap:rec:gleif:a:lei%2F529901", "urn:trustmap:rec:gleif:a:lei%2F52990", "urn:x:\uE000",
                "urn:x:\uFFFD", "urn:x:\uD83D\uDE00", "urn:x:\uD800\uDC00", "urn:x:é", "urn:x:名称", "urn:x:",
                "urn:x:a\uFFFDb", "urn:x:a\uD83D\uDE00b", "urn:trustmap:rec:gleif:a:lei%2F529900\uFF01"));
        Random random = new Random(11);
        String alphabet = "aZ0%/:é名\uE000\uFFFD\uD83D\uDE00";
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder("urn:trustmap:rec:");
            for (int k = random.nextInt(30); k > 0; k--) {
                int at = random.nextInt(alphabet.length() - 1);
                b.append(Character.isHighSurrogate(alphabet.charAt(at)) ? alphabet.substring(at, at + 2)
                        : Character.isLowSurrogate(alphabet.charAt(at)) ? "x" : alphabet.substring(at, at + 1));
            }
            iris.add(b.toString());
        }
        List<Long> addresses = new ArrayList<>();
        iris.forEach(iri -> addresses.add(spill.put(iri, new byte[] {1})));
        for (int i = 0; i < iris.size(); i++) {
            for (int j = 0; j < iris.size(); j++) {
                assertThat(Integer.signum(spill.compareIris(addresses.get(i), addresses.get(j))))
                        .as("%s vs %s", iris.get(i), iris.get(j))
                        .isEqualTo(Integer.signum(iris.get(i).compareTo(iris.get(j))));
            }
        }
    }
}
