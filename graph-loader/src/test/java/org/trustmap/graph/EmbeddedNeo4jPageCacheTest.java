package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_PROPERTIES)
class EmbeddedNeo4jPageCacheTest {
    @AfterEach
    void clear() {
        System.clearProperty(EmbeddedNeo4j.PAGE_CACHE_PROPERTY);
    }

    @Test
    void thePageCacheIsTheDefaultUnlessThePropertyGivesASize() {
        assertThat(EmbeddedNeo4j.pageCacheBytes()).isEqualTo(EmbeddedNeo4j.PAGE_CACHE_BYTES);
        System.setProperty(EmbeddedNeo4j.PAGE_CACHE_PROPERTY, "2g");
        assertThat(EmbeddedNeo4j.pageCacheBytes()).isEqualTo(2L << 30);
        System.setProperty(EmbeddedNeo4j.PAGE_CACHE_PROPERTY, " 512m ");
        assertThat(EmbeddedNeo4j.pageCacheBytes()).isEqualTo(512L << 20);
    }

    @Test
    void aSizeThatIsNoneOrTooSmallIsNamedWithTheProperty() {
        System.setProperty(EmbeddedNeo4j.PAGE_CACHE_PROPERTY, "lots");
        assertThatThrownBy(EmbeddedNeo4j::pageCacheBytes).isInstanceOf(EmbeddedNeo4jException.class)
                .hasMessageContaining("-Dtrustmap.neo4j.page-cache=lots is not a page cache size");
        System.setProperty(EmbeddedNeo4j.PAGE_CACHE_PROPERTY, "1m");
        assertThatThrownBy(EmbeddedNeo4j::pageCacheBytes).hasMessageContaining("less than 8 MiB");
    }
}
