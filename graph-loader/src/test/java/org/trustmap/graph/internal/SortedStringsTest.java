package org.trustmap.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class SortedStringsTest {
    @Test
    void holdsTheSameStringsInTheSameOrder() {
        TreeSet<String> tree = new TreeSet<>(List.of("SG", "CN", "HK", "MO"));

        Set<String> compact = SortedStrings.of(tree);

        assertThat(compact).containsExactly("CN", "HK", "MO", "SG").isEqualTo(tree);
        assertThat(compact.hashCode()).isEqualTo(tree.hashCode());
        assertThat(compact.contains("HK")).isTrue();
        assertThat(compact.contains("US")).isFalse();
        assertThat(compact.contains(42)).isFalse();
        assertThat(SortedStrings.of(new TreeSet<>())).isSameAs(Set.of());
    }

    @Test
    void isNotChangedThroughItselfOrItsSource() {
        TreeSet<String> tree = new TreeSet<>(List.of("b", "a"));
        Set<String> compact = SortedStrings.of(tree);
        tree.add("c");

        assertThat(compact).containsExactly("a", "b");
        assertThatThrownBy(() -> compact.add("d")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> compact.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAnotherOrder() {
        TreeSet<String> reversed = new TreeSet<>(Comparator.reverseOrder());
        reversed.add("a");

        assertThatThrownBy(() -> SortedStrings.of(reversed)).isInstanceOf(IllegalArgumentException.class);
    }
}
