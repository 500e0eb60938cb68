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
}
