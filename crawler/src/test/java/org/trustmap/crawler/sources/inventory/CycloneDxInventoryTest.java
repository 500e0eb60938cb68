package org.trustmap.crawler.sources.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

/** CycloneDX JSON read through the inventory source (InventoryParser sniffs JSON vs CSV). */
class CycloneDxInventoryTest {
    private static final String LLM = "constructed_cyclonedx_1.6_llm_assistant.json";

    private static SourceFixture staged(String file) {
        return SourceFixture.parse("inventory", file, new InventoryParser());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cyclonedx_hbom_pcie-sata-adapter-board.json", "cyclonedx_saasbom_apigateway.json",
            "cyclonedx_obom_example1.json", "cyclonedx_sbom_cern-lhc-vdm-editor.json", LLM})
    void everyBomStagesConformingToTheShapes(String file) {
        SourceFixture staged = staged(file);
        assertThat(staged.count(Tm.Product)).isPositive();
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void operatorAndSectorComeFromTrustmapPropertiesAndServicesBecomeDataTransfers() {
        SourceFixture bom = staged(LLM);
        assertThat(bom.problems).isEmpty();
        Node deployment = bom.subjects(Tm.Deployment).get(0);
        assertThat(bom.value(deployment, Tm.operator)).isEqualTo("Example Regional Hospital");
        assertThat(bom.value(deployment, Tm.sector)).isEqualTo("healthcare");
        assertThat(bom.value("product", Tm.productId)).isEqualTo("example-health-software-s-r-o/clinical-notes-assistant");
        assertThat(bom.links("SENDS_DATA_TO")).containsExactly(
                "example-health-software-s-r-o/clinical-notes-assistant -> Hangzhou DeepSeek Artificial Intelligence Co., Ltd.");
        Node transfer = bom.link("SENDS_DATA_TO", "example-health-software-s-r-o/clinical-notes-assistant",
                "Hangzhou DeepSeek Artificial Intelligence Co., Ltd.");
        assertThat(bom.values(transfer, Tm.endpoint)).containsExactly("https://api.deepseek.com/chat/completions");
        assertThat(bom.values(transfer, Tm.dataFlow)).containsExactlyInAnyOrder("PII:outbound", "PHI:outbound");
        assertThat(bom.value(transfer, Tm.evidenceDate)).isEqualTo("2026-04-30");
    }

    @Test
    void componentsNestAndAreMadeByManufacturerSupplierOrPublisher() {
        SourceFixture bom = staged(LLM);
        assertThat(bom.links("CONTAINS")).containsExactlyInAnyOrder(
                "example-health-software-s-r-o/clinical-notes-assistant -> hangzhou-hikvision-digital-technology-co-ltd/ds-2cd2043g2-i",
                "hangzhou-hikvision-digital-technology-co-ltd/ds-2cd2043g2-i -> hisilicon-technologies-co-ltd/hi3516",
                "example-health-software-s-r-o/clinical-notes-assistant -> python-software-foundation/requests");
        assertThat(bom.links("MADE_BY")).containsExactlyInAnyOrder(
                "example-health-software-s-r-o/clinical-notes-assistant -> Example Health Software s.r.o.",
                "hangzhou-hikvision-digital-technology-co-ltd/ds-2cd2043g2-i -> Hangzhou Hikvision Digital Technology Co.,Ltd.",
                "hisilicon-technologies-co-ltd/hi3516 -> HiSilicon Technologies Co., Ltd.",
                "python-software-foundation/requests -> Python Software Foundation");
    }

    @Test
    void realSaasBomWithoutTrustmapPropertiesIsStagedWithoutDeploymentAndSaysSo() {
        SourceFixture bom = staged("cyclonedx_saasbom_apigateway.json");
        assertThat(bom.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactly(
                "metadata.properties: no trustmap:operator / trustmap:sector property: the product and its components "
                        + "are staged without a deployment");
        assertThat(bom.count(Tm.Deployment)).isZero();
        // the gateway and its three microservices are provided by Acme Inc; the Postgres and S3 services name no provider
        assertThat(bom.links("SENDS_DATA_TO")).hasSize(4).allMatch(l -> l.equals("acme-cloud-example -> Acme Inc"));
        Node first = bom.where(Tm.Link, Tm.relation, "SENDS_DATA_TO").stream()
                .filter(l -> bom.values(l, Tm.endpoint).contains("https://example.com/app")).findFirst().orElseThrow();
        assertThat(bom.values(first, Tm.dataFlow)).containsExactlyInAnyOrder("PII:bi-directional",
                "PIFI:bi-directional", "Public:bi-directional");
    }

    @Test
    void hardwareBomSuppliersAndOsCpe() {
        SourceFixture hbom = staged("cyclonedx_hbom_pcie-sata-adapter-board.json");
        assertThat(hbom.links("MADE_BY")).contains("samtec/pcie-098-02-f-d-ems2 -> Samtec", "molex/47155-4001 -> Molex");
        SourceFixture obom = staged("cyclonedx_obom_example1.json");
        assertThat(obom.links("CONTAINS")).contains("keycloak -> cpe:2.3:o:redhat:enterprise_linux:8.0:*:*:*:*:*:*:*");
        assertThat(obom.links("MADE_BY")).contains("cpe:2.3:o:redhat:enterprise_linux:8.0:*:*:*:*:*:*:* -> Red Hat");
    }

    @Test
    void jsonThatIsNotCycloneDxIsRefusedAndCsvStillWorks() {
        assertThatThrownBy(() -> SourceFixture.parse("inventory", "{\"bomFormat\": \"SPDX\"}"
                .getBytes(StandardCharsets.UTF_8), "file:///data/inv.json", new InventoryParser()))
                .isInstanceOf(SourceParseException.class).hasMessageContaining("not a CycloneDX BOM");
        String csv = "operator,sector,product,vendor,model,cpe,fcc_id,mac,count\n"
                + "Op,energy,Inverter,SUNGROW,SG10RT,,,AC:19:9F,3\n";
        SourceFixture staged = SourceFixture.parse("inventory", csv.getBytes(StandardCharsets.UTF_8),
                "file:///data/inv.csv", new InventoryParser());
        assertThat(staged.problems).isEmpty();
        assertThat(staged.count(Tm.Deployment)).isEqualTo(1);
    }
}
