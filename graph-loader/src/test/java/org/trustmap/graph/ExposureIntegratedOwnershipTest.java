package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustmap.graph.ExposureRulesTest.DEFAULT;
import static org.trustmap.graph.ExposureRulesTest.MAINLAND_25;
import static org.trustmap.graph.ExposureRulesTest.add;
import static org.trustmap.graph.ExposureRulesTest.props;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustmap.graph.internal.GraphSnapshot;
import org.trustmap.graph.internal.GraphSnapshot.Fact;

/**
 * Integrated ownership on small constructed graphs (fictional organizations, constructed shares; no database): shares
 * multiply along a path and sum across paths, control is transitive, consolidation and state bodies are control,
 * cycles end, and ownership points up only.
 */
class ExposureIntegratedOwnershipTest {
    /** Product p made by b (US); the other organizations and their countries as given ("id:CC"). */
    static GraphSnapshot graph(String... orgs) {
        GraphSnapshot g = new GraphSnapshot();
        g.productNames.put("p", "Product");
        add(g.routesFrom, new Fact("p", "MADE_BY", "b", props()));
        for (String o : orgs) {
            String[] idCc = o.split(":");
            g.orgNames.put(idCc[0], "Constructed " + idCc[0].toUpperCase(java.util.Locale.ROOT));
            add(g.basedIn, new Fact(idCc[0], "BASED_IN", idCc[1], props("basis", "LEGAL_ADDRESS")));
        }
        return g;
    }

    static void owns(GraphSnapshot g, String owner, String owned, Object... kv) {
        add(g.parentsOf, new Fact(owned, "CONTROLLED_BY", owner, props(kv)));
    }

    static void share(GraphSnapshot g, String owner, String owned, double percent) {
        owns(g, owner, owned, "kind", "SHAREHOLDING", "share", percent);
    }

    @Test
    void sharesMultiplyAlongAPathAndSumAcrossPaths() {
        // a owns 30 % of b directly and 40 % of c, which owns 60 % of b: 30 + 0.4 * 60 = 54 % -> control at 50 %
        GraphSnapshot g = graph("b:US", "c:US", "a:CN");
        share(g, "a", "b", 30);
        share(g, "c", "b", 60);
        share(g, "a", "c", 40);
        var v = ExposureDeriver.evaluate(g, DEFAULT, "p");
        assertThat(v.verdict()).isEqualTo("EXPOSED");
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.ownership()).isEqualTo("integrated share 54 % over 2 paths >= control 50 %");
            assertThat(f.path()).extracting(ExposureDeriver.Hop::to)
                    .containsExactly("Constructed B", "Constructed A", "CN");
        });
        assertThat(v.reaches()).containsExactly("a");
    }

    @Test
    void anIntegratedShareBelowControlCountsOnlyWhereTheProfileCountsInfluence() {
        // 20 + 0.2 * 60 = 32 %; each of a's own stakes is below the influence threshold too
        GraphSnapshot g = graph("b:US", "c:US", "a:CN");
        share(g, "a", "b", 20);
        share(g, "c", "b", 60);
        share(g, "a", "c", 20);
        var byDefault = ExposureDeriver.evaluate(g, DEFAULT, "p");
        assertThat(byDefault.verdict()).isEqualTo("UNDETERMINED");
        assertThat(byDefault.gaps()).anyMatch(gap -> gap.startsWith("chain broken at Constructed C: its known owners"));
        var mainland = ExposureDeriver.evaluate(g, MAINLAND_25, "p");
        assertThat(mainland.verdict()).isEqualTo("EXPOSED");
        assertThat(mainland.findings().get(0).ownership()).isEqualTo("integrated share 32 % over 2 paths >= influence 25 %");
    }

    @Test
    void controlIsTransitiveAlongAChainOfControllingHops() {
        GraphSnapshot g = graph("b:US", "c:US", "a:CN");
        share(g, "c", "b", 60);
        share(g, "a", "c", 60);
        var v = ExposureDeriver.evaluate(g, DEFAULT, "p");
        assertThat(v.verdict()).isEqualTo("EXPOSED");
        assertThat(v.findings().get(0).ownership()).isEqualTo("every hop at or above the profile's threshold (integrated share 36 % over 1 path)");
    }

    @Test
    void consolidationAndStateBodiesAreControlWhateverTheirShare() {
        GraphSnapshot consolidated = graph("b:US", "a:CN");
        owns(consolidated, "a", "b", "kind", "DIRECT_CONSOLIDATION", "share", 45.0);
        assertThat(ExposureDeriver.evaluate(consolidated, DEFAULT, "p").verdict()).isEqualTo("EXPOSED");
        GraphSnapshot state = graph("b:US", "a:CN");
        owns(state, "a", "b", "kind", "STATE", "share", 10.0);
        assertThat(ExposureDeriver.evaluate(state, DEFAULT, "p").verdict()).isEqualTo("EXPOSED");
        GraphSnapshot minority = graph("b:US", "a:CN");
        share(minority, "a", "b", 45);
        assertThat(ExposureDeriver.evaluate(minority, DEFAULT, "p").verdict()).isNotEqualTo("EXPOSED");
    }

    @Test
    void crossHoldingsEndAndCountEachPathOnce() {
        // a and c hold each other; the walk closes a path at a revisit and still finds a at 54 %
        GraphSnapshot g = graph("b:US", "c:US", "a:CN");
        share(g, "a", "b", 30);
        share(g, "c", "b", 60);
        share(g, "a", "c", 40);
        share(g, "c", "a", 50);
        var v = ExposureDeriver.evaluate(g, DEFAULT, "p");
        assertThat(v.verdict()).isEqualTo("EXPOSED");
        assertThat(v.findings().get(0).ownership()).startsWith("integrated share 54 % over 2 paths");

        GraphSnapshot ring = graph("b:US", "c:US", "d:US");
        share(ring, "c", "b", 60);
        share(ring, "d", "c", 60);
        share(ring, "b", "d", 60);
        var v2 = ExposureDeriver.evaluate(ring, DEFAULT, "p");
        assertThat(v2.verdict()).isEqualTo("UNDETERMINED");
        assertThat(v2.gaps()).anyMatch(gap -> gap.startsWith("chain broken at Constructed D"));
    }

    @Test
    void twoSourcesStatingOneStakeCountItOnce() {
        GraphSnapshot g = graph("b:US", "a:CN");
        share(g, "a", "b", 30);
        add(g.parentsOf, new Fact("b", "CONTROLLED_BY", "a", props("kind", "SHAREHOLDING", "share", 30.0,
                "source", "another-source")));
        assertThat(ExposureDeriver.evaluate(g, DEFAULT, "p").verdict()).isNotEqualTo("EXPOSED");
    }

    @Test
    void aSubsidiaryInChinaNeverExposesItsParentsProducts() {
        // b (US) makes p and owns all of s (CN): ownership points up only
        GraphSnapshot g = graph("b:US", "s:CN");
        share(g, "b", "s", 100);
        var v = ExposureDeriver.evaluate(g, DEFAULT, "p");
        assertThat(v.verdict()).isNotEqualTo("EXPOSED");
        assertThat(v.findings()).isEmpty();
        assertThat(v.gaps()).noneMatch(gap -> gap.contains("Constructed S"));
    }

    /** A link without share: control by its kind, or the named gap "share unknown" when only a share could say. */
    @ParameterizedTest(name = "{0} without share: {1}")
    @CsvSource(nullValues = "none", textBlock = """
            DIRECT_CONSOLIDATION,   EXPOSED
            ULTIMATE_CONSOLIDATION, EXPOSED
            STATE,                  EXPOSED
            STATED,                 EXPOSED
            BOARD_APPOINTMENT,      EXPOSED
            SHAREHOLDING,           share unknown
            VOTING_RIGHTS,          share unknown
            none,                   share unknown
            """)
    void aLinkWithoutShareCountsByItsKindOrIsTheGapShareUnknown(String kind, String expected) {
        GraphSnapshot g = graph("b:US", "a:CN");
        if (kind == null) {
            owns(g, "a", "b");
        } else {
            owns(g, "a", "b", "kind", kind);
        }
        var v = ExposureDeriver.evaluate(g, DEFAULT, "p");
        if (expected.equals("EXPOSED")) {
            assertThat(v.verdict()).isEqualTo("EXPOSED");
        } else {
            assertThat(v.verdict()).isEqualTo("UNDETERMINED");
            assertThat(v.gaps()).contains("share unknown: Constructed B -> Constructed A");
        }
    }
}
