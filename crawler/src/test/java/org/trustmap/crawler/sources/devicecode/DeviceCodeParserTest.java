package org.trustmap.crawler.sources.devicecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class DeviceCodeParserTest {

    private static SourceFixture device(String file) {
        return SourceFixture.parse("devicecode", file, new DeviceCodeParser());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "tid_Anker_Uspeed_Dual_Band_Router_600Mbps.json", "tid_D-Link_DIR-842_rev_G1.json",
            "tid_EZVIZ_CS-W3-WD1200G.json", "tid_Huawei_EchoLife_HG520s.json", "tid_Legrand_DA2154-V1.json",
            "tid_Luxul_XWR-1750.json", "tid_Rosewill_RNX-AC750RT.json", "tid_Xiaomi_MiWiFi_3_R3.json",
            "tid_ZTE_ZXHN_H267A.json"})
    void everyDeviceRecordStagesConformingToTheShapes(String file) {
        SourceFixture staged = device(file);
        assertThat(staged.problems).isEmpty();
        assertThat(staged.has("device/1")).isTrue();
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void whiteLabelRouterIsMadeByItsBrandItsOdmAndTheGranteesOfItsFccIds() {
        SourceFixture luxul = device("tid_Luxul_XWR-1750.json");

        assertThat(luxul.value("device/1", Tm.productId)).isEqualTo("luxul/xwr-1750");
        assertThat(luxul.value("device/1", Tm.name)).isEqualTo("Luxul XWR-1750");
        assertThat(luxul.value("device/1", Tm.evidenceUrl))
                .isEqualTo("https://techinfodepot.shoutwiki.com/wiki/Luxul_XWR-1750");
        assertThat(luxul.values("device/1", Tm.fccId)).containsExactly("W59XWR1750", "V7TW1800R");
        assertThat(luxul.links("MADE_BY")).contains(
                "luxul/xwr-1750 -> Luxul",
                "luxul/xwr-1750 -> Tenda",
                "luxul/xwr-1750 -> Legrand AV Inc.",
                "luxul/xwr-1750 -> SHENZHEN TENDA TECHNOLOGY CO., LTD.");
        assertThat(luxul.value("device/1/fcc/V7TW1800R", Tm.fccGranteeCode)).isEqualTo("V7T");
        assertThat(luxul.value("device/1/fcc/W59XWR1750", Tm.fccGranteeCode)).isEqualTo("W59");
        Node granted = luxul.link("MADE_BY", "luxul/xwr-1750", "Legrand AV Inc.");
        assertThat(luxul.value(granted, Tm.evidenceDate)).isEqualTo("2014-01-02");
        assertThat(luxul.values(luxul.link("MADE_BY", "luxul/xwr-1750", "SHENZHEN TENDA TECHNOLOGY CO., LTD."),
                Tm.evidenceDate)).isEmpty(); // the device record gives no grant date for V7TW1800R
    }

    @Test
    void manufacturerCountryIsWhereItIsMadeAndNeverTheOdmsCountry() {
        SourceFixture rosewill = device("tid_Rosewill_RNX-AC750RT.json");
        Node odm = rosewill.record("device/1/odm");
        assertThat(rosewill.value(odm, Tm.name)).isEqualTo("TP-LINK");
        assertThat(rosewill.values(odm, Tm.legalCountry)).isEmpty();
        assertThat(rosewill.values(odm, Tm.basedIn)).isEmpty();
        assertThat(rosewill.values(odm, Tm.hqCountry)).isEmpty();
        assertThat(rosewill.links("MADE_BY")).contains("rosewill/rnx-ac750rt -> TP-Link Technologies Co., Ltd.",
                "rosewill/rnx-ac750rt -> Rosewill Inc.");
    }

    @Test
    void fiveCharacterGranteeCodesAndDevicesWithoutOdm() {
        SourceFixture ezviz = device("tid_EZVIZ_CS-W3-WD1200G.json");
        assertThat(ezviz.value("device/1/fcc/2APV2-W3", Tm.fccGranteeCode)).isEqualTo("2APV2");
        assertThat(ezviz.has("device/1/odm")).isFalse();
        assertThat(ezviz.links("MADE_BY")).contains("ezviz/cs-w3-wd1200g -> Hangzhou Ezviz Software Co., Ltd.");
    }

    @Test
    void ouisBecomeMacPrefixesOfTheProduct() {
        assertThat(device("tid_ZTE_ZXHN_H267A.json").values("device/1", Tm.mac))
                .containsExactlyInAnyOrder("78:C1:A7", "28:FF:3E");
        SourceFixture huawei = device("tid_Huawei_EchoLife_HG520s.json");
        assertThat(huawei.value("device/1", Tm.productId)).isEqualTo("huawei/echolife-hg520s");
        assertThat(huawei.values("device/1", Tm.mac)).containsExactly("00:24:D2");
        assertThat(huawei.links("MADE_BY")).contains("huawei/echolife-hg520s -> Askey",
                "huawei/echolife-hg520s -> Askey Computer Corp");
    }

    @Test
    void chipsAreComponentsMadeByTheirVendorsListedOncePerDevice() {
        SourceFixture dlink = device("tid_D-Link_DIR-842_rev_G1.json");
        List<String> contains = dlink.links("CONTAINS");
        assertThat(contains).containsExactlyInAnyOrder(
                "d-link/dir-842 -> realtek/rtl8197fh",  // listed as CPU and as RAM
                "d-link/dir-842 -> realtek/rtl8367rb",
                "d-link/dir-842 -> winbond/w25n01gvzeig",
                "d-link/dir-842 -> realtek/rtl8812fr");
        assertThat(dlink.links("MADE_BY")).contains("realtek/rtl8197fh -> Realtek", "winbond/w25n01gvzeig -> Winbond",
                "d-link/dir-842 -> Tenda", "d-link/dir-842 -> D-Link Corporation");

        SourceFixture ezviz = device("tid_EZVIZ_CS-W3-WD1200G.json");
        assertThat(ezviz.links("CONTAINS")).contains("ezviz/cs-w3-wd1200g -> qualcomm-atheros/switch-chip");
    }

    @Test
    void aBadFccIdIsReportedAndTheDeviceIsStillStaged() {
        // constructed from the Anker record: one FCC ID replaced by a non-ID
        String json = new String(SourceFixture.bytes("devicecode", "tid_Anker_Uspeed_Dual_Band_Router_600Mbps.json"),
                StandardCharsets.UTF_8).replace("\"V7TN6\"", "\"n/a\"");
        SourceFixture staged = SourceFixture.parse("devicecode", ("[" + json + ", 42]").getBytes(StandardCharsets.UTF_8),
                "file:///data/devicecode/devices.json", new DeviceCodeParser());
        assertThat(staged.problems).extracting(p -> p.location() + ": " + p.reason()).containsExactly(
                "record 1 (Anker Uspeed Dual Band Router 600Mbps) regulatory.fcc_ids: 'n/a' is not an FCC ID "
                        + "(grantee code and product code)",
                "record 2: is not a device object");
        assertThat(staged.values("device/1", Tm.fccId)).isEmpty();
        assertThat(staged.links("MADE_BY")).contains("anker/uspeed-dual-band-router-600mbps -> Tenda");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void notJsonIsRefusedWithItsLine() {
        assertThatThrownBy(() -> SourceFixture.parse("devicecode", "{\n\"brand\": ".getBytes(StandardCharsets.UTF_8),
                "file:///data/d.json", new DeviceCodeParser()))
                .isInstanceOf(SourceParseException.class).hasMessageContaining("d.json line 2");
    }

    @Test
    void theCatalogKnowsTheSource() {
        assertThat(SourceCatalog.parser("devicecode")).get().isInstanceOf(DeviceCodeParser.class);
    }
}
