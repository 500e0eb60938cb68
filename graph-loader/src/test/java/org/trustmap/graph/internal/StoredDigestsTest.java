package org.trustmap.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.trustmap.graph.internal.StoredDigests.Status;

class StoredDigestsTest {
    @Test
    void tellsMissingChangedAndSameRowsApartAcrossGrowth() {
        StoredDigests stored = new StoredDigests();
        for (int i = 0; i < 100_000; i++) {
            stored.put("key-" + i, "h-" + i);
        }
        stored.put("stamped", null); // written by the earlier loader: no digest
        assertThat(stored.size()).isEqualTo(100_001);
        for (int i = 0; i < 100_000; i += 997) {
            assertThat(stored.status("key-" + i, "h-" + i)).isEqualTo(Status.SAME);
            assertThat(stored.status("key-" + i, "h-" + (i + 1))).isEqualTo(Status.CHANGED);
            assertThat(stored.status("other-" + i, "h-" + i)).isEqualTo(Status.MISSING);
        }
        assertThat(stored.status("stamped", "anything")).isEqualTo(Status.CHANGED);
        stored.put("key-5", "h-new");
        assertThat(stored.size()).isEqualTo(100_001);
        assertThat(stored.status("key-5", "h-new")).isEqualTo(Status.SAME);
        assertThat(new StoredDigests().status("key-1", "h-1")).isEqualTo(Status.MISSING);
    }

    @Test
    void aKeyGivenByItsDigestIsTheKeyGivenAsAString() {
        StoredDigests stored = new StoredDigests();
        stored.put("key-1", "h-1");
        stored.putKeyDigest(KeyDigests.digest("key-2"), StoredDigests.contentDigest("h-2"));
        stored.putKeyDigest(KeyDigests.digest("stamped"), StoredDigests.contentDigest(null));

        assertThat(stored.size()).isEqualTo(3);
        assertThat(stored.status("key-2", "h-2")).isEqualTo(Status.SAME);
        assertThat(stored.status("key-2", "h-1")).isEqualTo(Status.CHANGED);
        assertThat(stored.status("stamped", "h-1")).isEqualTo(Status.CHANGED);
        stored.putKeyDigest(KeyDigests.digest("key-1"), StoredDigests.contentDigest("h-9"));
        assertThat(stored.size()).isEqualTo(3);
        assertThat(stored.status("key-1", "h-9")).isEqualTo(Status.SAME);
        KeyDigests stated = KeyDigests.of(new long[] {KeyDigests.digest("key-3"), KeyDigests.digest("key-1")});
        assertThat(stated.containsDigest(KeyDigests.digest("key-1"))).isTrue();
        assertThat(stated.containsDigest(KeyDigests.digest("key-2"))).isFalse();
    }

    @Test
    void aFactsKeyIsItsOwnDigestAndAnyOtherKeyIsHashedTheSameFromItsBytes() throws Exception {
        byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1").digest("a fact".getBytes(StandardCharsets.UTF_8));
        String hexKey = java.util.HexFormat.of().formatHex(sha1);
        long first8 = java.nio.ByteBuffer.wrap(sha1).getLong();

        assertThat(KeyDigests.digest(hexKey)).isEqualTo(first8);
        assertThat(KeyDigests.digestOfSha1(sha1, 0)).isEqualTo(first8);
        byte[] hexBytes = ("xx" + hexKey + "yy").getBytes(StandardCharsets.US_ASCII);
        assertThat(KeyDigests.digest(hexBytes, 2, 42)).isEqualTo(first8);
        // not a fact's key: upper case, one digit short, an id; hashed, from a string or from its bytes alike
        for (String other : List.of(hexKey.toUpperCase(java.util.Locale.ROOT), hexKey.substring(1), "lei:529900T8BM49AURSDO55",
                "org:cn:hangzhou-hikvision", "Zürich", "")) {
            byte[] utf8 = other.getBytes(StandardCharsets.UTF_8);
            byte[] whole = java.security.MessageDigest.getInstance("SHA-1").digest(utf8);
            assertThat(KeyDigests.digest(other)).as(other).isEqualTo(java.nio.ByteBuffer.wrap(whole).getLong());
            assertThat(KeyDigests.digest(utf8, 0, utf8.length)).as(other).isEqualTo(KeyDigests.digest(other));
        }
        // the known limit: two fact keys differing only after their first 16 hex digits share a digest (as two SHA-1s
        // sharing 64 bits would; a fact's key is a SHA-1, so the odds are those of any 64-bit digest)
        assertThat(KeyDigests.digest(hexKey.substring(0, 16) + "0".repeat(24))).isEqualTo(first8);
    }

    @Test
    void theLoadersHIsTakenAsTheNumberItWritesAndOtherTextsAreHashed() {
        assertThat(StoredDigests.contentDigest("00000000000000ff")).isEqualTo(255L)
                .isEqualTo(StoredDigests.contentDigest(255L));
        assertThat(StoredDigests.contentDigest("ffffffffffffffff")).isEqualTo(-1L);
        // 0 marks "no digest": an h of all zeros is kept as 1, still the same row
        assertThat(StoredDigests.contentDigest("0000000000000000")).isEqualTo(1L).isEqualTo(StoredDigests.contentDigest(0L));
        assertThat(StoredDigests.contentDigest("00000000000000FF")).isNotEqualTo(255L);
        StoredDigests stored = new StoredDigests();
        stored.put("lei:X", "00000000000000ff");
        assertThat(stored.status(KeyDigests.digest("lei:X"), StoredDigests.contentDigest(255L))).isEqualTo(Status.SAME);
        assertThat(stored.status(KeyDigests.digest("lei:X"), StoredDigests.contentDigest(254L))).isEqualTo(Status.CHANGED);
    }
}
