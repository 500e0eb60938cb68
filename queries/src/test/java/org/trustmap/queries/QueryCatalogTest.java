package org.trustmap.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class QueryCatalogTest {

    @Test
    void listsTheShippedQueriesByName() {
        QueryCatalog catalog = QueryCatalog.load();
        assertThat(catalog.list()).extracting(NamedQuery::name).containsExactly("evidence-for-product",
                "exposed-products", "organizations-in-jurisdiction", "ownership-chain", "sector-exposure",
                "undetermined-gaps");
        assertThat(catalog.list()).allSatisfy(q -> {
            assertThat(q.description()).isNotBlank();
            assertThat(q.cypher()).doesNotContain("// name:").contains("RETURN");
            assertThat(q.resource()).isEqualTo("cypher/" + q.name() + ".cypher");
        });
    }

    @Test
    void declaresTheParametersEachQueryUses() {
        QueryCatalog catalog = QueryCatalog.load();
        assertThat(catalog.find("ownership-chain").orElseThrow().params()).containsExactly("org");
        assertThat(catalog.find("evidence-for-product").orElseThrow().params()).containsExactly("product");
        assertThat(catalog.find("organizations-in-jurisdiction").orElseThrow().params()).containsExactly("code");
        assertThat(catalog.find("exposed-products").orElseThrow().params()).isEmpty();
        for (NamedQuery q : catalog.list()) {
            for (String p : q.params()) {
                assertThat(q.cypher()).as(q.name()).contains("$" + p);
            }
        }
    }

    @Test
    void findsByNameOrNothing() {
        QueryCatalog catalog = QueryCatalog.load();
        assertThat(catalog.find("sector-exposure")).isPresent();
        assertThat(catalog.find("no-such-query")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
    }

    @Test
    void theIndexListsEveryCypherFileInTheFolder() throws IOException {
        Path folder = Path.of("src/main/resources/cypher");
        List<String> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cypher")).sorted().toList();
        }
        List<String> indexed = Files.readAllLines(folder.resolve("catalog.txt")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
        assertThat(indexed).isEqualTo(files);
    }

    @Test
    void parsesTheHeaderAndKeepsOtherCommentsInTheQuery() {
        NamedQuery q = QueryCatalog.parse("x.cypher", """
                // name: my-query
                // description: Something useful.
                // params: $a, b
                //
                // a note for readers
                MATCH (n) WHERE n.a = $a AND n.b = $b
                RETURN n
                """);
        assertThat(q.name()).isEqualTo("my-query");
        assertThat(q.description()).isEqualTo("Something useful.");
        assertThat(q.params()).containsExactly("a", "b");
        assertThat(q.cypher()).isEqualTo("//\n// a note for readers\nMATCH (n) WHERE n.a = $a AND n.b = $b\nRETURN n\n");
        assertThat(q.missing(Map.of("a", 1))).containsExactly("b");
    }

    @Test
    void aHeaderWithoutNameIsRefusedNamingTheResource() {
        assertThatThrownBy(() -> QueryCatalog.parse("cypher/x.cypher", "// description: d\nRETURN 1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cypher/x.cypher line 1: the header has no '// name: ...' line");
    }

    @Test
    void aRepeatedHeaderKeyIsRefusedWithItsLine() {
        assertThatThrownBy(() -> QueryCatalog.parse("cypher/x.cypher", "// name: a\n// name: b\nRETURN 1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cypher/x.cypher line 2: 'name' given again (first on line 1)");
    }

    @Test
    void aQueryWithoutCypherIsRefused() {
        assertThatThrownBy(() -> QueryCatalog.parse("cypher/x.cypher", "// name: a\n\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query 'a' has no Cypher");
    }

    @Test
    void twoQueriesWithOneNameAreRefused() {
        NamedQuery a = QueryCatalog.parse("a.cypher", "// name: same\nRETURN 1\n");
        NamedQuery b = QueryCatalog.parse("b.cypher", "// name: same\nRETURN 2\n");
        assertThatThrownBy(() -> QueryCatalog.of(List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("query name 'same' is used by both a.cypher and b.cypher");
    }
}
