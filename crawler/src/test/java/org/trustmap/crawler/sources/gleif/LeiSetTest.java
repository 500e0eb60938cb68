package org.trustmap.crawler.sources.gleif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LeiSetTest {
    @Test
    void anLeiIsAddedOnceAndLeisDifferingInOneCharacterAreDifferent() {
        LeiSet set = new LeiSet();
        assertThat(set.add("529900T8BM49AURSDO55")).isTrue();
        assertThat(set.add("529900T8BM49AURSDO55")).isFalse();
        assertThat(set.add("529900T8BM49AURSDO56")).isTrue(); // last character
        assertThat(set.add("629900T8BM49AURSDO55")).isTrue(); // first character
        assertThat(set.add("5299000T8BM49AURSDO5")).isTrue(); // the halves' boundary shifted
        assertThat(set.add("00000000000000000000")).isTrue(); // encodes to zero in both halves
        assertThat(set.add("00000000000000000000")).isFalse();
        assertThat(set.add("ZZZZZZZZZZZZZZZZZZ99")).isTrue();
        assertThat(set.size()).isEqualTo(6);
    }

    @Test
    void agreesWithAHashSetWhileItGrows() {
        Random random = new Random(42);
        LeiSet set = new LeiSet();
        Set<String> reference = new HashSet<>();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder lei = new StringBuilder();
            for (int c = 0; c < 20; c++) {
                // a small alphabet in some positions so that repeats happen often
                lei.append(alphabet.charAt(random.nextInt(c < 16 ? 2 : 36)));
            }
            assertThat(set.add(lei.toString())).as(lei.toString()).isEqualTo(reference.add(lei.toString()));
        }
        assertThat(set.size()).isEqualTo(reference.size());
    }

    @Test
    void refusesWhatIsNotAnLei() {
        LeiSet set = new LeiSet();
        assertThatThrownBy(() -> set.add("SHORT")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> set.add("529900T8BM49AURSDO5-")).isInstanceOf(IllegalArgumentException.class);
    }
}
