package org.trustmap.crawler.sources.vendorpages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.SourceFixture;

class VendorPagesParserTest {
    private static final String DEEPSEEK = "Hangzhou DeepSeek Artificial Intelligence Co., Ltd.";
    private static List<VendorPageRule> rules;

    @BeforeAll
    static void loadRules() throws IOException {
        rules = VendorPageRule.load(Path.of("../data/vendor-pages"));
    }

    private static SourceFixture staged(String file) {
        return SourceFixture.parse("vendor-pages", file, new VendorPagesParser(rules));
    }

    @Test
    void deepSeekPolicyNamesAControllerRegisteredInChinaThatStoresTheChatsDataInThePrc() {
        SourceFixture staged = staged("deepseek_privacy_policy.snapshot.html");
        assertThat(staged.problems).isEmpty();
        Node controller = staged.record("controller");
        assertThat(staged.value(controller, Tm.name)).isEqualTo(DEEPSEEK);
        // "with its registered address in China"
        assertThat(staged.value(controller, Tm.legalCountry)).isEqualTo("CN");
        assertThat(staged.value("product", Tm.productId)).isEqualTo("deepseek/deepseek-chat");
        Node link = staged.link("SENDS_DATA_TO", "deepseek/deepseek-chat", DEEPSEEK);
        // "we directly collect, process and store your Personal Data in People's Republic of China."
        assertThat(staged.values(link, Tm.dataFlow)).containsExactly("stored-in:CN");
        assertThat(staged.value(link, Tm.evidenceUrl))
                .isEqualTo("file:///data/vendor-pages/deepseek_privacy_policy.snapshot.html");
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void mistralPolicyNamesAFrenchControllerAndNoPrcStorage() {
        SourceFixture staged = staged("mistral_le_chat_privacy_policy.snapshot.html");
        assertThat(staged.problems).isEmpty();
        assertThat(staged.value("controller", Tm.name)).isEqualTo("Mistral AI");
        assertThat(staged.value("controller", Tm.legalCountry)).isEqualTo("FR");
        assertThat(staged.values("controller", Tm.basedIn)).isEmpty();
        Node link = staged.link("SENDS_DATA_TO", "mistral-ai/le-chat", "Mistral AI");
        assertThat(staged.values(link, Tm.dataFlow)).isEmpty();
        assertThat(staged.conforms()).isTrue();
    }

    @Test
    void aPageNoRuleAppliesToIsRefused() {
        assertThatThrownBy(() -> SourceFixture.parse("vendor-pages", "<html><body>x</body></html>"
                .getBytes(StandardCharsets.UTF_8), "https://example.org/privacy", new VendorPagesParser(rules)))
                .isInstanceOf(SourceParseException.class)
                .hasMessageContaining("no vendor-pages rule applies to https://example.org/privacy");
    }

    @Test
    void aPageThatNoLongerHasTheControllerIsReportedAndNothingStaged() {
        // constructed: the DeepSeek rule's URL with a page that lost its "Data Controller" paragraph
        SourceFixture staged = SourceFixture.parse("vendor-pages",
                "<html><body><h2>Where We Store Your Personal Data</h2><p>Somewhere.</p></body></html>"
                        .getBytes(StandardCharsets.UTF_8),
                "https://cdn.deepseek.com/policies/en-US/deepseek-privacy-policy.html", new VendorPagesParser(rules));
        assertThat(staged.problems).singleElement().satisfies(p -> assertThat(p.reason())
                .startsWith("controller not found with 'p:containsOwn(Data Controller) > strong'"));
        assertThat(staged.count(Tm.Organization)).isZero();
    }
}
