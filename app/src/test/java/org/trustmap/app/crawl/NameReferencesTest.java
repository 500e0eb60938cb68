package org.trustmap.app.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.app.crawl.NameReferences.NamedOrganization;

class NameReferencesTest {
    @Test
    void onlyOrganizationsPlacedInACountryAreSearched(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("facts.csv");
        Files.writeString(csv, """
                # org:Commented Out,BASED_IN,jurisdiction:US
                subject,relation,object,share,evidence_url,evidence_date,note
                "org:Hangzhou Hikvision Digital Technology Co.,Ltd.",BASED_IN,jurisdiction:cn,,https://example.org/,2022-08-27,
                org:No Country Stated,MADE_BY,org:Someone,,https://example.org/,2025-05-15,
                lei:549300YX4S1LLSMK2627,BASED_IN,jurisdiction:US,,https://example.org/,2025-05-15,
                org:Not A Country,BASED_IN,jurisdiction:Mars,,https://example.org/,2025-05-15,
                org:Too,few,columns
                "org:Hangzhou Hikvision Digital Technology Co.,Ltd.",BASED_IN,jurisdiction:CN,,https://example.org/,2023-01-01,
                """);

        assertThat(NameReferences.in(List.of(csv))).as("once, upper-cased country; LEIs, bad rows and names without "
                + "a country left out").containsExactly(
                new NamedOrganization("Hangzhou Hikvision Digital Technology Co.,Ltd.", "CN"));
    }

    @Test
    void aFileWithoutTheFactColumnsGivesNone(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "a,b\norg:X,jurisdiction:US\n");
        assertThat(NameReferences.in(List.of(csv))).isEmpty();
    }
}
