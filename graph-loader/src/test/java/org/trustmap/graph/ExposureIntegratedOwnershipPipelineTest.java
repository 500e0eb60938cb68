package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.trustmap.graph.internal.GraphSnapshot;

/**
 * Integrated ownership on a real chain: the BODS 0.4 example package of a Finnish state-owned company
 * ({@code bods_example_bods-package-fi-soe.json}: Gasgrid Finland Oy, 76.5 % held by Suomen Kaasuverkko Oy, itself
 * 100 % held by the Ministry of Finance, which holds the other 23.5 % directly), loaded into Neo4j and walked under
 * a constructed profile with control at 80 %.
 */
@ExtendWith(Neo4jTestServer.class)
class ExposureIntegratedOwnershipPipelineTest {
    private static final Path CRAWLER_FIXTURES = Path.of("../crawler/src/test/resources/fixtures");

    @Test
    void aStateBodyHoldingDirectlyAndThroughASubsidiaryHasTheWholeAndTheMinorityHolderDoesNotCount(Driver driver,
            @TempDir Path dir) throws Exception {
        Neo4jTestServer.clear(driver);
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("constructed-fi-80.yml"), """
                # constructed test profile: Finland as the concern jurisdiction, control at 80 %
                name: constructed-fi-80
                concern_jurisdictions: [FI]
                based_in_bases: [LEGAL_JURISDICTION, LEGAL_ADDRESS, HEADQUARTERS, STATED]
                thresholds: {control_percent: 80, influence_percent: 25}
                routes: [MAKER]
                """);
        Profile strict = Profile.load(profiles, "constructed-fi-80");
        try (Pipeline pipeline = new Pipeline(dir.resolve("p"))) {
            pipeline.source("bods", CRAWLER_FIXTURES.resolve("bods/bods_example_bods-package-fi-soe.json"));
            pipeline.load(driver);
            assertThat(pipeline.problems()).isEmpty();
        }
        GraphSnapshot g;
        try (Session s = driver.session()) {
            g = GraphSnapshot.readAll(s); // no products here: the whole ownership graph
        }
        String gasgrid = idOf(g, "Gasgrid Finland Oy");

        List<OwnershipWalk.Controller> strictly = OwnershipWalk.from(g, strict, gasgrid).controllers();
        assertThat(strictly).extracting(c -> g.orgNames.get(c.org()))
                .contains("Gasgrid Finland Oy", "Valtiovarainministerio", "Suomen tasavalta")
                .doesNotContain("Suomen Kaasuverkko Oy");
        assertThat(strictly).filteredOn(c -> g.orgNames.get(c.org()).equals("Valtiovarainministerio")).singleElement()
                .satisfies(c -> {
                    assertThat(c.integrated()).isEqualTo(1.0);
                    assertThat(c.paths()).isEqualTo(2);
                    assertThat(c.basis()).isEqualTo("every hop at or above the profile's threshold (integrated share 100 % over 2 paths)");
                });

        List<OwnershipWalk.Controller> byDefault = OwnershipWalk.from(g, ExposureRulesTest.DEFAULT, gasgrid).controllers();
        assertThat(byDefault).extracting(c -> g.orgNames.get(c.org())).contains("Suomen Kaasuverkko Oy");
    }

    private static String idOf(GraphSnapshot g, String name) {
        return g.orgNames.entrySet().stream().filter(e -> e.getValue().equals(name)).map(java.util.Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + g.orgNames));
    }
}
