package org.trustmap.crawler.sources.gleif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;

/** Golden copies arrive zipped: the zip is streamed through the same readers, and a decompression bomb is refused. */
class GleifZipTest {
    @Test
    void aZippedGoldenCopyStagesTheSameRecordsAsThePlainFile() throws IOException {
        byte[] xml = GleifStaged.bytes("goldencopy_lei-data.xml");
        GleifStaged plain = GleifStaged.parse(xml, "file:///data/gleif/lei-data.xml");
        GleifStaged zipped = GleifStaged.parse(zip("20230605-0800-gleif-goldencopy-lei2-golden-copy.xml", xml),
                "file:///data/gleif/20230605-gleif-goldencopy-lei2-golden-copy.xml.zip");

        assertThat(zipped.problems).isEmpty();
        assertThat(zipped.count(Tm.Organization)).isEqualTo(plain.count(Tm.Organization)).isEqualTo(13);
        assertThat(zipped.value("lei/004L5FPTUREIWK9T2N63", Tm.name)).isEqualTo("Hutchin Hill Capital, LP");
        assertThat(zipped.conforms()).isTrue();
    }

    @Test
    void aZipThatInflatesMoreThanAHundredTimesIsRefusedAsABomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("bomb.xml"));
            byte[] spaces = new byte[1 << 16];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 640; i++) { // 40 MiB of white space compresses about 1000x
                z.write(spaces);
            }
            z.closeEntry();
        }
        assertThatThrownBy(() -> GleifStaged.parse(out.toByteArray(), "file:///data/gleif/bomb.zip"))
                .isInstanceOf(SourceParseException.class).hasMessageContaining("bomb.zip")
                .hasMessageContaining("inflates more than 100 times");
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }
}
