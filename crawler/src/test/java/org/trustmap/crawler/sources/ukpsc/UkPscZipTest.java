package org.trustmap.crawler.sources.ukpsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

/**
 * The snapshot as Companies House publishes it: parts named {@code persons-with-significant-control-snapshot-DATE_NofM.zip},
 * each a zip of one JSON-lines txt. The zips are built here from the real fixture lines.
 */
class UkPscZipTest {
    static final String PART = "persons-with-significant-control-snapshot-2024-12-19_1of31";

    static byte[] zip(String entry, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    static SourceFixture parse(byte[] body, String name) {
        return SourceFixture.parse("uk-psc", body, "file:///data/uk-psc/" + name, new UkPscParser());
    }

    @Test
    void aSnapshotPartZipStagesTheSameChainsAsItsText() throws IOException {
        byte[] lines = SourceFixture.bytes("uk-psc", "psc-data-2.json");
        SourceFixture plain = parse(lines, PART + ".txt");
        SourceFixture zipped = parse(zip(PART + ".txt", lines), PART + ".zip");

        assertThat(zipped.problems).isEmpty();
        assertThat(zipped.count(Tm.Organization)).isEqualTo(plain.count(Tm.Organization)).isEqualTo(2);
        Node link = zipped.link("CONTROLLED_BY", "GB-COH-07434180", "Robert Hitchins Limited");
        assertThat(zipped.value(link, Tm.controlKind)).isEqualTo("SHAREHOLDING_BAND");
        assertThat(zipped.value(link, Tm.share)).isEqualTo("75");
        assertThat(zipped.conforms()).isTrue();
    }

    @Test
    void aBadLineInAZipIsReportedWithTheFileInsideAndTheRestStages() throws IOException {
        // the real objects as JSON lines (as the snapshot has them), after one constructed bad line
        StringBuilder jsonl = new StringBuilder("{\"company_number\":\"123\",\"data\":{\"kind\":"
                + "\"corporate-entity-person-with-significant-control\",\"name\":\"x\"}}\n");
        for (JsonNode line : new ObjectMapper().readTree(SourceFixture.bytes("uk-psc", "psc-data-5.json"))) {
            jsonl.append(line).append('\n');
        }
        SourceFixture zipped = parse(zip(PART + ".txt", jsonl.toString().getBytes(StandardCharsets.UTF_8)),
                PART + ".zip");

        assertThat(zipped.problems).extracting(p -> p.location() + ": " + p.reason())
                .containsExactly(PART + ".txt line 1: company_number '123' is not 8 letters or digits");
        assertThat(zipped.value(zipped.link("CONTROLLED_BY", "GB-COH-07102351",
                "State Administration Of Foreign Exchange"), Tm.controlKind)).isEqualTo("STATE");
        assertThat(zipped.conforms()).isTrue();
    }

    @Test
    void aZipThatInflatesMoreThanAHundredTimesIsRefusedAsABomb() throws IOException {
        byte[] newlines = new byte[40 << 20]; // 40 MiB of empty lines compresses about 1000x
        Arrays.fill(newlines, (byte) '\n');
        byte[] bomb = zip(PART + ".txt", newlines);

        assertThatThrownBy(() -> parse(bomb, PART + ".zip")).isInstanceOf(SourceParseException.class)
                .hasMessageContaining("decompression bomb");
    }
}
