package org.trustmap.crawler.sources.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

/** SPDX 2.3 JSON read through the inventory source (InventoryParser tells it from CycloneDX by spdxVersion). */
class SpdxInventoryTest {
    private static final String EXAMPLE = "spdx_2.3_example_spdx-tools.json";
    private static final String GATEWAY = "constructed_spdx_2.3_substation_video_gateway.json";

    private static SourceFixture staged(String file) {
        return SourceFixture.parse("inventory", file, new InventoryParser());
    }

    private static SourceFixture json(String text) {
        return SourceFixture.parse("inventory", text.getBytes(StandardCharsets.UTF_8), "file:///data/inv.spdx.json",
                new InventoryParser());
    }

    @Test
    void operatorAndSectorComeFromADocumentAnnotationAndTheDescribedPackageIsDeployed() {
        SourceFixture doc = staged(GATEWAY);
        assertThat(doc.conforms()).isTrue();
        Node deployment = doc.subjects(Tm.Deployment).get(0);
        assertThat(doc.count(Tm.Deployment)).isEqualTo(1);
        assertThat(doc.value(deployment, Tm.operator)).isEqualTo("Example Grid Operator");
        assertThat(doc.value(deployment, Tm.sector)).isEqualTo("energy");
        assertThat(doc.label(doc.graph.find(deployment, Tm.product, Node.ANY).next().getObject()))
                .isEqualTo("example-energy-systems-gmbh/test-substation-video-gateway-1");
        assertThat(doc.value("package/SPDXRef-gateway", Tm.name)).isEqualTo("test-substation-video-gateway-1 2.1");
        assertThat(doc.value("package/SPDXRef-gateway", Tm.evidenceDate)).isEqualTo("2026-05-06");
    }

    @Test
    void containedAndDependedOnPackagesAreComponentsTransitivelyAndInverseRelationshipsCount() {
        SourceFixture doc = staged(GATEWAY);
        String gateway = "example-energy-systems-gmbh/test-substation-video-gateway-1";
        String camera = "hangzhou-hikvision-digital-technology-co-ltd/test-camera-module-1";
        String openssl = "cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*";
        assertThat(doc.links("CONTAINS")).containsExactlyInAnyOrder(
                gateway + " -> " + camera,
                camera + " -> hisilicon-technologies-co-ltd/test-soc-1",
                gateway + " -> " + openssl,
                gateway + " -> com-fasterxml-jackson-core/jackson-databind",
                camera + " -> " + openssl);
        // openssl is reached twice and staged once
        assertThat(doc.where(Tm.Product, Tm.productId, openssl)).hasSize(1);
        assertThat(doc.value("package/SPDXRef-openssl", Tm.cpe)).isEqualTo(openssl);
    }

    @Test
    void organizationsMakeAPersonDoesNotAndAnUnreachedPackageIsReported() {
        SourceFixture doc = staged(GATEWAY);
        assertThat(doc.links("MADE_BY")).containsExactlyInAnyOrder(
                "example-energy-systems-gmbh/test-substation-video-gateway-1 -> Example Energy Systems GmbH",
                "hangzhou-hikvision-digital-technology-co-ltd/test-camera-module-1 -> Hangzhou Hikvision Digital Technology Co.,Ltd.",
                "hisilicon-technologies-co-ltd/test-soc-1 -> HiSilicon Technologies Co., Ltd.");
        assertThat(doc.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactly(
                "packages[5]: package SPDXRef-spare (test-spare-power-supply-1) is not reached from a described "
                        + "package through CONTAINS, DEPENDS_ON, STATIC_LINK or DYNAMIC_LINK: not staged");
    }

    @Test
    void realSpecExampleStagesItsDescribedPackageWithItsOriginatorAndCpeAndReportsTheGaps() {
        SourceFixture doc = staged(EXAMPLE);
        assertThat(doc.conforms()).isTrue();
        String glibc = "cpe:2.3:a:pivotal_software:spring_framework:4.1.0:*:*:*:*:*:*:*";
        assertThat(doc.value("package/SPDXRef-Package", Tm.productId)).isEqualTo(glibc);
        assertThat(doc.value("package/SPDXRef-Package", Tm.name)).isEqualTo("glibc 2.11.1");
        assertThat(doc.value("package/SPDXRef-Package", Tm.evidenceDate)).isEqualTo("2010-01-29");
        // supplier "Person: Jane Doe" is not an organization; originator "Organization: ExampleCodeInspect (contact@...)"
        assertThat(doc.links("MADE_BY")).containsExactly(glibc + " -> ExampleCodeInspect");
        // glibc DYNAMIC_LINK Saxon; the file SPDXRef-JenaLib CONTAINS glibc is not a package relationship
        assertThat(doc.links("CONTAINS")).containsExactly(glibc + " -> saxon");
        assertThat(doc.count(Tm.Deployment)).isZero();
        assertThat(doc.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactly(
                "annotations: no trustmap:operator / trustmap:sector annotation: the product and its components are "
                        + "staged without a deployment",
                "packages[1]: package SPDXRef-fromDoap-1 (Apache Commons Lang) is not reached from a described "
                        + "package through CONTAINS, DEPENDS_ON, STATIC_LINK or DYNAMIC_LINK: not staged",
                "packages[2]: package SPDXRef-fromDoap-0 (Jena) is not reached from a described "
                        + "package through CONTAINS, DEPENDS_ON, STATIC_LINK or DYNAMIC_LINK: not staged");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Organization: ExampleCodeInspect (contact@example.com) | ExampleCodeInspect",
        "Organization: HiSilicon Technologies Co., Ltd. ()      | HiSilicon Technologies Co., Ltd.",
        "Organization:Acme (Europe) GmbH                        | Acme (Europe) GmbH",
        "Person: Jane Doe (jane.doe@example.com)                | ''",
        "NOASSERTION                                            | ''",
    })
    void onlyAnOrganizationNamesAMaker(String party, String name) {
        assertThat(SpdxParser.organization(party)).isEqualTo(name);
    }

    @Test
    void describedByAnotherDocumentsElementAndASelfRelationship() {
        SourceFixture doc = json("""
                {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "creationInfo": {"created": "2026-01-02T00:00:00Z",
                  "comment": "trustmap:operator = Example Water Utility\\ntrustmap:sector = water"},
                 "packages": [{"SPDXID": "SPDXRef-a", "name": "test-pump-controller", "supplier": "Organization: Example Pumps AG"}],
                 "relationships": [
                  {"spdxElementId": "SPDXRef-a", "relationshipType": "DESCRIBED_BY", "relatedSpdxElement": "SPDXRef-DOCUMENT"},
                  {"spdxElementId": "SPDXRef-a", "relationshipType": "CONTAINS", "relatedSpdxElement": "DocumentRef-fw:SPDXRef-firmware"},
                  {"spdxElementId": "SPDXRef-a", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-a"}]}
                """);
        assertThat(doc.links("CONTAINS")).as("a package is not its own component").isEmpty();
        assertThat(doc.count(Tm.Deployment)).isEqualTo(1);
        assertThat(doc.value(doc.subjects(Tm.Deployment).get(0), Tm.operator)).isEqualTo("Example Water Utility");
        assertThat(doc.links("MADE_BY")).containsExactly("example-pumps-ag/test-pump-controller -> Example Pumps AG");
        assertThat(doc.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactly(
                "relationships[1]: SPDXRef-a -> DocumentRef-fw:SPDXRef-firmware is an element of another SPDX "
                        + "document: not followed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [{\"SPDXID\": \"SPDXRef-a\", \"name\": \"a\"}]} | the document describes no package",
        "{\"spdxVersion\": \"SPDX-3.0\"}                                                               | SPDX version 'SPDX-3.0' is not read",
        "{\"name\": \"neither\"}                                                                        | must be a CycloneDX BOM (bomFormat) or an SPDX 2.x document",
    })
    void documentsThatCannotBeReadAreRefusedNamingTheFileAndReason(String text, String reason) {
        assertThatThrownBy(() -> json(text)).isInstanceOf(SourceParseException.class)
                .hasMessageContaining("inv.spdx.json").hasMessageContaining(reason);
    }
}
