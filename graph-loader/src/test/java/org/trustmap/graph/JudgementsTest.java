package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analysts' judgements: SAME merges what names alone keep apart, NOT_SAME blocks what names alone would merge. */
class JudgementsTest {
    @Test
    void notSameBlocksANameMergeAndSameJoinsDifferentNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("judgements.csv");
        Files.writeString(file, """
                # constructed
                left,right,judgement,analyst,date,note
                name:Example Optics Co. Ltd.@CN,name:EXAMPLE OPTICS COMPANY LIMITED,NOT_SAME,test,2026-11-27,two firms
                name:Sample Vision GmbH,name:Sample Vision Holding AG@DE,SAME,test,2026-11-27,one group
                """);
        try (Pipeline pipeline = new Pipeline(dir.resolve("p"))) {
            pipeline.curatedText("judged.csv", Files.readString(Path.of("src/test/resources/judgements/curated.csv")));
            ResolvedGraph without = pipeline.resolve();
            ResolvedGraph with = pipeline.resolve(Judgements.load(file));

            assertThat(orgsNamed(without, "xample optics")).isEqualTo(1);
            assertThat(orgsNamed(with, "xample optics")).isEqualTo(2);
            assertThat(orgsNamed(without, "Sample Vision")).isEqualTo(2);
            assertThat(orgsNamed(with, "Sample Vision")).isEqualTo(1);
            assertThat(with.merges()).anyMatch(m -> m.reason().contains("analyst judgement SAME (judgements.csv line 4)"));
        }
    }

    @Test
    void aBadJudgementNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("judgements.csv");
        Files.writeString(file, "left,right,judgement\nname:A Corp,name:B Corp,MAYBE\n");
        assertThatThrownBy(() -> Judgements.load(file)).hasMessageContaining("judgements.csv line 2")
                .hasMessageContaining("MAYBE");
    }

    @Test
    void aMissingFileMeansNoJudgements(@TempDir Path dir) throws Exception {
        assertThat(Judgements.load(dir.resolve("none.csv")).judgements()).isEmpty();
    }

    private static long orgsNamed(ResolvedGraph graph, String part) {
        return graph.organizations().stream().filter(o -> o.names().stream().anyMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains(part.toLowerCase(java.util.Locale.ROOT)))).count();
    }
}
