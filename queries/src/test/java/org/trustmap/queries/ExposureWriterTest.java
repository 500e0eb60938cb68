package org.trustmap.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.trustmap.queries.ExposureEntry.Finding;
import org.trustmap.queries.ExposureEntry.Hop;
import org.trustmap.queries.ExposureEntry.Product;
import org.trustmap.queries.ExposureEntry.Profile;

/** Constructed entries (no database): a camera EXPOSED through its maker's parent, and a router not derived yet. */
class ExposureWriterTest {
    static final Profile PROFILE = new Profile("nukib-2025-09-03", "sha256:0f1e");

    static final Finding MAKER = new Finding("MAKER", "CN", List.of(
            new Hop("DS-2CD2143G2-I", "MADE_BY", "Hikvision", "ieee-oui", "https://standards-oui.ieee.org/oui/oui.csv",
                    "2025-10-01", "urn:uuid:11111111-1111-1111-1111-111111111111"),
            new Hop("Hikvision", "CONTROLLED_BY", "CETC", "opensanctions-1260h",
                    "https://www.opensanctions.org/datasets/us_dod_chinese_milcorps/", "2025-01-07",
                    "urn:uuid:22222222-2222-2222-2222-222222222222"),
            new Hop("CETC", "BASED_IN", "CN", "gleif", "https://www.gleif.org/", null, null)),
            "integrated share 100 % over 1 path >= control 50 %");

    static List<ExposureEntry> entries() {
        return List.of(
                new ExposureEntry(new Product("cam-1", "DS-2CD2143G2-I", "Hikvision"), "Nemocnice Example",
                        "healthcare", 12L, Verdict.EXPOSED, List.of(MAKER), List.of(), PROFILE),
                new ExposureEntry(new Product("router-1", "Archer AX21", "TP-Link"), "Město Example",
                        "public administration", null, Verdict.UNDETERMINED, List.of(),
                        List.of(ExposureEntry.NOT_DERIVED), new Profile(null, null)));
    }

    private static String write(OutputFormat format) {
        StringBuilder out = new StringBuilder();
        ExposureWriter.write(entries(), format, out);
        return out.toString();
    }

    @Test
    void jsonHasTheDocumentedKeysAndThePathWithEvidence() throws Exception {
        JsonNode root = new ObjectMapper().readTree(write(OutputFormat.JSON));
        assertThat(root).hasSize(2);
        JsonNode cam = root.get(0);
        assertThat(fields(cam)).containsExactly("product", "operator", "sector", "count", "verdict", "findings", "gaps",
                "flags", "profile");
        assertThat(fields(cam.get("product"))).containsExactly("id", "name", "vendor");
        assertThat(cam.get("product").get("id").asText()).isEqualTo("cam-1");
        assertThat(cam.get("verdict").asText()).isEqualTo("EXPOSED");
        assertThat(cam.get("count").asLong()).isEqualTo(12);
        JsonNode finding = cam.get("findings").get(0);
        assertThat(fields(finding)).containsExactly("route", "jurisdiction", "ownership", "path");
        assertThat(finding.get("ownership").asText()).isEqualTo("integrated share 100 % over 1 path >= control 50 %");
        assertThat(finding.get("path")).hasSize(3);
        JsonNode hop = finding.get("path").get(1);
        assertThat(fields(hop)).containsExactly("from", "relation", "to", "source", "evidence", "date", "recordId");
        assertThat(hop.get("relation").asText()).isEqualTo("CONTROLLED_BY");
        assertThat(hop.get("date").asText()).isEqualTo("2025-01-07");
        assertThat(finding.get("path").get(2).get("date").isNull()).isTrue();
        assertThat(cam.get("profile").get("name").asText()).isEqualTo("nukib-2025-09-03");
        assertThat(cam.get("profile").get("hash").asText()).isEqualTo("sha256:0f1e");
        JsonNode router = root.get(1);
        assertThat(router.get("verdict").asText()).isEqualTo("UNDETERMINED");
        assertThat(router.get("findings")).isEmpty();
        assertThat(router.get("gaps").get(0).asText()).isEqualTo("not derived yet");
        assertThat(router.get("profile").get("name").isNull()).isTrue();
    }

    @Test
    void csvHasOneRowPerDeploymentWithTheFirstPathAndItsEvidence() throws Exception {
        String csv = write(OutputFormat.CSV);
        assertThat(csv).startsWith("operator,sector,product_id,product,vendor,verdict,routes,jurisdictions,"
                + "first_path,evidence,gaps,profile,profile_hash,flags\r\n");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows).hasSize(2);
        CSVRecord cam = rows.get(0);
        assertThat(cam.get("operator")).isEqualTo("Nemocnice Example");
        assertThat(cam.get("verdict")).isEqualTo("EXPOSED");
        assertThat(cam.get("routes")).isEqualTo("MAKER");
        assertThat(cam.get("jurisdictions")).isEqualTo("CN");
        assertThat(cam.get("first_path"))
                .isEqualTo("DS-2CD2143G2-I -MADE_BY-> Hikvision -CONTROLLED_BY-> CETC -BASED_IN-> CN");
        assertThat(cam.get("evidence")).isEqualTo("https://standards-oui.ieee.org/oui/oui.csv "
                + "https://www.opensanctions.org/datasets/us_dod_chinese_milcorps/ https://www.gleif.org/");
        assertThat(cam.get("profile_hash")).isEqualTo("sha256:0f1e");
        CSVRecord router = rows.get(1);
        assertThat(router.get("first_path")).isEmpty();
        assertThat(router.get("gaps")).isEqualTo("not derived yet");
    }

    @Test
    void tableSummarizesEachPathAndCountsTheVerdicts() {
        String table = write(OutputFormat.TABLE);
        assertThat(table).isEqualTo("""
                verdict      | sector                | operator          | product        | route / path                  | gaps / flags
                -------------+-----------------------+-------------------+----------------+-------------------------------+----------------
                EXPOSED      | healthcare            | Nemocnice Example | DS-2CD2143G2-I | MAKER: Hikvision -> CETC (CN) |
                UNDETERMINED | public administration | Město Example     | Archer AX21    |                               | not derived yet
                1 EXPOSED, 1 UNDETERMINED, 0 NOT_FOUND (2 deployments)
                """);
    }

    @Test
    void summaryLeavesOutTheProductAndTheJurisdictionHop() {
        assertThat(ExposureWriter.summary(MAKER)).isEqualTo("MAKER: Hikvision -> CETC (CN)");
        assertThat(ExposureWriter.pathText(List.of())).isEmpty();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
