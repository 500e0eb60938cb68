package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alias never merges two registered organizations: the 1260H list's alias "China Telecom" for the group equals
 * the normalized legal name of its listed subsidiary. Names here are real; the countries are constructed test facts.
 */
class AliasResolutionTest {
    @Test
    void anAliasEqualToAnotherOrganizationsLegalNameDoesNotMergeThem(@TempDir Path dir) throws Exception {
        try (Pipeline pipeline = new Pipeline(dir)) {
            pipeline.curatedText("alias.csv", """
                    subject,relation,object,share,evidence_url,evidence_date,note
                    org:China Telecommunications Corporation,BASED_IN,jurisdiction:CN,,,,constructed test fact unverified
                    org:China Telecommunications Corporation,ALSO_KNOWN_AS,name:China Telecom,,,,constructed test fact unverified
                    org:China Telecom Corporation Limited,BASED_IN,jurisdiction:CN,,,,constructed test fact unverified
                    """);
            ResolvedGraph graph = pipeline.resolve();

            assertThat(graph.organizations()).as(graph.organizations().toString()).extracting(ResolvedGraph.Org::name)
                    .contains("China Telecommunications Corporation", "China Telecom Corporation Limited");
            assertThat(graph.organizations().stream().filter(o -> o.id().startsWith("org:cn:china-tele")).count())
                    .isEqualTo(2);
        }
    }
}
