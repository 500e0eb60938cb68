package org.trustmap.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
        KeyDigests stated = new KeyDigests();
        stated.add("key-1");
        assertThat(stated.containsDigest(KeyDigests.digest("key-1"))).isTrue();
        assertThat(stated.containsDigest(KeyDigests.digest("key-2"))).isFalse();
    }
}
