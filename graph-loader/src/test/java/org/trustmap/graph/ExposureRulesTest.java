package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.trustmap.graph.internal.GraphSnapshot;
import org.trustmap.graph.internal.GraphSnapshot.Fact;

/** The exposure rules on small constructed graphs (fictional organizations; no database needed). */
class ExposureRulesTest {
    static final Profile DEFAULT = load("nukib-2025-09-03");
    static final Profile MAINLAND_25 = load("nukib-mainland-25");

    static Profile load(String name) {
        try {
            return Profile.load(Path.of("../data/profiles"), name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Product p made by A (US), A -> parent B (CN) with the given link properties. */
    static GraphSnapshot graph(Map<String, Object> parentLink) {
        GraphSnapshot g = new GraphSnapshot();
        g.productNames.put("p", "Product");
        g.orgNames.put("a", "Example Subsidiary Inc.");
        g.orgNames.put("b", "Example Parent Co., Ltd.");
        add(g.routesFrom, new Fact("p", "MADE_BY", "a", props()));
        add(g.basedIn, new Fact("a", "BASED_IN", "US", props("basis", "LEGAL_ADDRESS")));
        add(g.basedIn, new Fact("b", "BASED_IN", "CN", props("basis", "LEGAL_ADDRESS")));
        add(g.parentsOf, new Fact("a", "CONTROLLED_BY", "b", parentLink));
        return g;
    }

    static void add(Map<String, java.util.List<Fact>> map, Fact f) {
        map.computeIfAbsent(f.from(), k -> new ArrayList<>()).add(f);
    }

    static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("source", "test", "evidence", "constructed"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aConsolidatingParentInChinaExposesTheSubsidiarysProduct() {
        var v = ExposureDeriver.evaluate(graph(props("kind", "DIRECT_CONSOLIDATION")), DEFAULT, "p");
        assertThat(v.verdict()).isEqualTo("EXPOSED");
        assertThat(v.findings().get(0).path()).extracting(ExposureDeriver.Hop::relation)
                .containsExactly("MADE_BY", "CONTROLLED_BY", "BASED_IN");
    }

    @Test
    void anEndedLinkIsHistoryNotControl() {
        var v = ExposureDeriver.evaluate(graph(props("kind", "SHAREHOLDING", "share", 80.0, "status", "INACTIVE")),
                DEFAULT, "p");
        assertThat(v.verdict()).isEqualTo("UNDETERMINED");
        assertThat(v.findings()).isEmpty();
    }

    @Test
    void significantInfluenceWithoutShareCountsOnlyWhereTheProfileCountsInfluence() {
        var link = props("kind", "SIGNIFICANT_INFLUENCE");
        assertThat(ExposureDeriver.evaluate(graph(link), DEFAULT, "p").verdict()).isEqualTo("UNDETERMINED");
        assertThat(ExposureDeriver.evaluate(graph(link), MAINLAND_25, "p").verdict()).isEqualTo("EXPOSED");
    }

    @Test
    void aShareholdingWithoutShareIsANamedGap() {
        var v = ExposureDeriver.evaluate(graph(props("kind", "SHAREHOLDING")), DEFAULT, "p");
        assertThat(v.verdict()).isEqualTo("UNDETERMINED");
        assertThat(v.gaps()).anyMatch(gap -> gap.startsWith("share unknown: Example Subsidiary Inc. -> Example Parent"));
    }

    @Test
    void aMinorityShareBelowControlDoesNotCarryExposureUnderTheDefaultProfile() {
        var link = props("kind", "SHAREHOLDING", "share", 30.0);
        assertThat(ExposureDeriver.evaluate(graph(link), DEFAULT, "p").verdict()).isNotEqualTo("EXPOSED");
        assertThat(ExposureDeriver.evaluate(graph(link), MAINLAND_25, "p").verdict()).isEqualTo("EXPOSED");
    }
}
