package org.trustmap.app.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeiReferencesTest {
    @Test
    void subjectsAndObjectsCountCommentsDoNot(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("facts.csv");
        Files.writeString(csv, """
                # lei:5493001KJTIIGC8Y1R12 in a comment is not a reference
                subject,relation,object,share,evidence_url,evidence_date,note
                lei:549300yx4s1llsmk2627,CONTROLLED_BY,LEI:HWUPKR0MPOU8FGXBT394,,https://example.org/,2025-05-15,
                org:Someone,BASED_IN,jurisdiction:US,,https://example.org/,2025-05-15,"see lei:TOO_SHORT"
                """);

        assertThat(LeiReferences.in(List.of(csv))).containsExactly("549300YX4S1LLSMK2627", "HWUPKR0MPOU8FGXBT394");
    }
}
