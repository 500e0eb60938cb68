package org.trustmap.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LongPairSetTest {
    @Test
    void zeroesAndNegativesArePairsLikeAnyOther() {
        LongPairSet set = new LongPairSet();
        assertThat(set.contains(0, 0)).isFalse();
        assertThat(set.add(0, 0)).isTrue();
        assertThat(set.add(0, 0)).isFalse();
        assertThat(set.contains(0, 0)).isTrue();
        assertThat(set.add(-1, 0)).isTrue();
        assertThat(set.add(0, -1)).isTrue();
        assertThat(set.contains(-1, -1)).isFalse();
        assertThat(set.size()).isEqualTo(3);
    }

    @Test
    void agreesWithAHashSetWhileItGrows() {
        Random random = new Random(7);
        LongPairSet set = new LongPairSet();
        Set<List<Long>> reference = new HashSet<>();
        for (int i = 0; i < 300_000; i++) {
            long hi = random.nextInt(600); // few distinct values: many repeats and many equal halves
            long lo = random.nextInt(600) * 0x100000000L;
            boolean expected = reference.add(List.of(hi, lo));
            assertThat(set.add(hi, lo)).isEqualTo(expected);
            assertThat(set.contains(hi, lo)).isTrue();
        }
        assertThat(set.size()).isEqualTo(reference.size());
        for (int hi = 0; hi < 600; hi += 7) {
            for (int lo = 0; lo < 600; lo += 11) {
                assertThat(set.contains(hi, lo * 0x100000000L)).isEqualTo(reference.contains(List.of((long) hi, lo * 0x100000000L)));
            }
        }
    }
}
