package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.ProductIds;

/**
 * Products resolved by model number and brand: an inventory row (constructed: a fictional operator; vendor, model
 * and FCC ID columns name the real device, the CPE in one row is constructed) and the real TechInfoDepot device
 * record of the Rosewill RNX-AC750RT (DeviceCode fixture: brand Rosewill, model RNX-AC750RT, FCC IDs W6RRNX-AC750RT
 * and TE7C2, the latter granted to TP-Link). When they are the same device the inventory's product takes the device
 * record's facts (the TP-Link grant among them); when brand or model differ it does not.
 */
class ResolutionProductsTest {
    private static final Path DEVICE = Path.of("../crawler/src/test/resources/fixtures/devicecode/tid_Rosewill_RNX-AC750RT.json");
    private static final String HEADER = "# constructed test inventory (fictional operator)\n"
            + "operator,sector,product,vendor,model,cpe,fcc_id,mac,count\n";

    @ParameterizedTest(name = "{0} / {1} / cpe {2} / fcc {3}: joins {4}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            # vendor      | model        | cpe (constructed)                              | FCC ID         | joins the device record
            Rosewill      | RNX-AC750RT  |                                                |                | true
            ROSEWILL INC. | RNX AC750RT  |                                                |                | true
            Rosewill      | rnx-ac750rt  | cpe:2.3:h:rosewill:rnx-ac750rt:-:*:*:*:*:*:*:* |                | true
            Rosewill      |              |                                                | W6RRNX-AC750RT | true
            Rosewill      | RNX-AC1200   |                                                |                | false
            Luxul         | RNX-AC750RT  |                                                |                | false
            """)
    void anInventoryRowJoinsTheDeviceRecordOfTheSameBrandAndModel(String vendor, String model, String cpe, String fccId,
                                                                  boolean joins, @TempDir Path dir) throws Exception {
        try (Pipeline pipeline = new Pipeline(dir)) {
            pipeline.inventoryText("routers.csv", HEADER + String.join(",", "Example Grid Operator", "energy",
                    "Substation Wi-Fi router", vendor, or(model), or(cpe), or(fccId), "", "8") + "\n");
            pipeline.source("devicecode", DEVICE);
            assertThat(pipeline.problems()).isEmpty();
            ResolvedGraph graph = pipeline.resolve();

            String inventoryId = ProductIds.of(vendor, model, "Substation Wi-Fi router", cpe);
            List<String> makers = graph.edges().stream()
                    .filter(e -> e.type().equals("MADE_BY") && e.fromId().equals(inventoryId))
                    .map(e -> graph.organizations().stream().filter(o -> o.id().equals(e.toId())).findFirst()
                            .orElseThrow().name()).toList();
            boolean deviceApart = graph.products().stream().anyMatch(p -> p.id().equals("rosewill/rnx-ac750rt")
                    && !p.id().equals(inventoryId));
            if (joins) {
                assertThat(makers).as(graph.edges().toString()).contains("TP-Link Technologies Co., Ltd.");
                assertThat(deviceApart).isFalse();
                assertThat(graph.products()).filteredOn(p -> p.id().equals(inventoryId)).singleElement()
                        .satisfies(p -> assertThat(p.fccId()).isNotNull());
            } else {
                assertThat(makers).doesNotContain("TP-Link Technologies Co., Ltd.");
                assertThat(deviceApart).isTrue();
            }
        }
    }

    private static String or(String s) {
        return s == null ? "" : s;
    }
}
