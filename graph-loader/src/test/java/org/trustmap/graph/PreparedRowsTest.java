package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.trustmap.graph.ResolvedGraph.BasedIn;
import org.trustmap.graph.ResolvedGraph.Deployment;
import org.trustmap.graph.ResolvedGraph.Edge;
import org.trustmap.graph.ResolvedGraph.ExceptionFact;
import org.trustmap.graph.ResolvedGraph.FlagFact;
import org.trustmap.graph.ResolvedGraph.Org;
import org.trustmap.graph.ResolvedGraph.Product;
import org.trustmap.graph.ResolvedGraph.Provenance;

/**
 * The rows a load prepares (what it writes, digests and stamps) for a small constructed graph with facts stated
 * twice. The expected stamp and content digest are the ones the loader gave when every row was a map held in memory
 * (before {@link RowList}), so a changed row, order or digest shows here, and a graph loaded by the earlier build is
 * not rewritten.
 */
class PreparedRowsTest {
    private static final Provenance P1 = new Provenance("gleif", "https://search.gleif.org/#/record/X1", "2026-01-01",
            "urn:uuid:1", "LEI X1", "registry");
    private static final Provenance P2 = new Provenance("inventory", "file:///inventory.csv", null, "urn:uuid:2",
            "line 2", "inventory");

    static ResolvedGraph graph() {
        List<Org> orgs = List.of(
                new Org("org:a", "A Co., Ltd.", List.of("A Co., Ltd.", "A Holdings"), "X1", "CN", "CN", "HK",
                        List.of("gleif"), 2),
                new Org("org:b", "B GmbH", List.of(), null, null, "DE", null, List.of("inventory"), 1));
        List<Product> products = List.of(new Product("p/1", "Camera", "A", "C-1", null, "2ABC-1", null));
        List<Deployment> deployments = List.of(new Deployment("Op", "energy", "p/1", 3L, P2),
                new Deployment("Op", "energy", "p/1", 5L, P2)); // the same key: the first one is the row
        List<Edge> edges = List.of(new Edge("MADE_BY", "p/1", "org:b", "INVENTORY", null, null, P2),
                new Edge("CONTROLLED_BY", "org:b", "org:a", "DIRECT_CONSOLIDATION", new BigDecimal("51.5"), "ACTIVE", P1),
                new Edge("MADE_BY", "p/1", "org:b", "INVENTORY", null, null, P2));
        List<BasedIn> basedIn = List.of(new BasedIn("org:a", "CN", "LEGAL_JURISDICTION", "CN", P1),
                new BasedIn("org:a", "HK", "HEADQUARTERS", null, P1), new BasedIn("org:b", "DE", "LEGAL_ADDRESS", null, P2),
                new BasedIn("org:a", "CN", "LEGAL_JURISDICTION", "CN", P1));
        List<ExceptionFact> exceptions = List.of(new ExceptionFact("org:b", "ULTIMATE", "NATURAL_PERSONS", P1),
                new ExceptionFact("org:b", "DIRECT", "NON_CONSOLIDATING", P1),
                new ExceptionFact("org:b", "ULTIMATE", "NATURAL_PERSONS", P1));
        List<FlagFact> flags = List.of(new FlagFact("org:a", "US_DOD_1260H", P1));
        return new ResolvedGraph(orgs, products, deployments, edges, basedIn, exceptions, flags, List.of());
    }

    @Test
    void everyRowsKeyAndDigestAreTheOnesTheStoredSideWorksOutFromTheirText() {
        GraphLoader.LoadRows rows = GraphLoader.prepare(graph());
        List<RowList> lists = new ArrayList<>(rows.nodes().values());
        lists.addAll(rows.relationships().values());
        int checked = 0;
        for (RowList list : lists) {
            for (int i = 0; i < list.size(); i++) {
                // what a load compares (the row's numbers) against what a digest file or Neo4j gives (the texts)
                assertThat(list.keyDigest(i)).as(list.key(i))
                        .isEqualTo(org.trustmap.graph.internal.KeyDigests.digest(list.key(i)));
                assertThat(org.trustmap.graph.internal.StoredDigests.contentDigest(list.hValue(i))).as(list.key(i))
                        .isEqualTo(org.trustmap.graph.internal.StoredDigests.contentDigest(list.h(i)));
                assertThat(list.key(i)).isEqualTo(list.sha1Keys()
                        ? java.util.HexFormat.of().formatHex(list.keyBytes(i))
                        : new String(list.keyBytes(i), java.nio.charset.StandardCharsets.UTF_8));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(15);
        assertThat(rows.relationships().get("BASED_IN").sha1Keys()).isTrue();
        assertThat(rows.nodes().get("Organization").sha1Keys()).isFalse();
    }

    @Test
    void theRowsAreTheOnesTheLoaderAlwaysWrote() {
        GraphLoader.LoadRows rows = GraphLoader.prepare(graph());

        assertThat(rows.stamp()).isEqualTo(EXPECTED_STAMP);
        assertThat(GraphLoader.digestOf(content(rows))).isEqualTo(EXPECTED_CONTENT);
        assertThat(sizes(rows.nodes())).isEqualTo(
                "Organization=2 Product=1 Jurisdiction=3 Operator=1 ReportingException=2 Flag=1");
        assertThat(sizes(rows.relationships())).isEqualTo(
                "DEPLOYS=1 BASED_IN=3 HAS_EXCEPTION=2 FLAGGED=1 MADE_BY=1 CONTROLLED_BY=1");
    }

    @Test
    void aFactStatedTwiceIsOneRowTheFirst() {
        GraphLoader.LoadRows rows = GraphLoader.prepare(graph());

        List<Map<String, Object>> deploys = rows.relationships().get("DEPLOYS");
        assertThat(deploys).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) deploys.get(0).get("props");
        assertThat(props).containsEntry("count", 3L);
        List<Map<String, Object>> based = rows.relationships().get("BASED_IN");
        assertThat(based).extracting(r -> r.get("to")).containsExactly("CN", "HK", "DE");
    }

    @Test
    void eachRowCarriesItsKeyAndTheDigestOfItsContent() {
        GraphLoader.LoadRows rows = GraphLoader.prepare(graph());

        for (Map<String, RowList> side : List.of(rows.nodes(), rows.relationships())) {
            side.forEach((name, list) -> {
                for (int i = 0; i < list.size(); i++) {
                    Map<String, Object> row = new java.util.HashMap<>(list.get(i));
                    assertThat(row.get("h")).as(name).isEqualTo(list.h(i));
                    assertThat(row.containsKey("id") ? row.get("id") : row.get("key")).as(name).isEqualTo(list.key(i));
                    row.remove("h");
                    assertThat(GraphLoader.digestOf(row)).as(name + " " + row).isEqualTo(list.h(i));
                }
            });
        }
        // a reporting exception's node and its HAS_EXCEPTION relationship share the key, not the content
        RowList nodes = rows.nodes().get("ReportingException");
        RowList rels = rows.relationships().get("HAS_EXCEPTION");
        assertThat(nodes.key(1)).isEqualTo(rels.key(1));
        assertThat(nodes.h(1)).isNotEqualTo(rels.h(1));
        assertThat(nodes.get(1).get("props")).isEqualTo(Map.of("source", "gleif", "evidence",
                "https://search.gleif.org/#/record/X1", "date", "2026-01-01", "recordId", "urn:uuid:1",
                "recordRef", "LEI X1", "confidence", "registry", "category", "DIRECT", "reason", "NON_CONSOLIDATING"));
        assertThat(rels.get(1).get("props")).isEqualTo(Map.of());
    }

    @Test
    void eachListKnowsTheKeysOfItsRowsAndOfTheirProps() {
        GraphLoader.LoadRows rows = GraphLoader.prepare(graph());

        for (Map<String, RowList> side : List.of(rows.nodes(), rows.relationships())) {
            side.forEach((name, list) -> {
                java.util.Set<String> keys = new java.util.TreeSet<>();
                java.util.Set<String> propKeys = new java.util.TreeSet<>();
                list.forEach(row -> {
                    keys.addAll(row.keySet());
                    if (row.get("props") instanceof Map<?, ?> props) {
                        props.keySet().forEach(k -> propKeys.add((String) k));
                    }
                });
                keys.remove("h");
                assertThat(list.columns()).as(name).containsExactlyElementsOf(keys);
                assertThat(list.propColumns()).as(name).containsExactlyElementsOf(propKeys);
            });
        }
        // the second list made of the same items (the exceptions' nodes) has keys of its own
        assertThat(rows.nodes().get("ReportingException").propColumns()).contains("category", "reason")
                .isNotEqualTo(rows.relationships().get("HAS_EXCEPTION").propColumns());
        assertThat(rows.relationships().get("CONTROLLED_BY").propColumns()).contains("share", "status");
    }

    @Test
    void rowsReadFromTheFileAreTheRowsOfTheGraphInMemory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path file = tmp.resolve("resolved.json");
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(file.toFile(), graph());

        GraphLoader.LoadRows rows = GraphLoader.prepare(file);

        assertThat(rows.stamp()).isEqualTo(EXPECTED_STAMP);
        assertThat(GraphLoader.digestOf(content(rows))).isEqualTo(EXPECTED_CONTENT);
        GraphLoader.LoadRows inMemory = GraphLoader.prepare(graph());
        for (String type : inMemory.relationships().keySet()) {
            RowList read = rows.relationships().get(type);
            RowList held = inMemory.relationships().get(type);
            // read back last row first: each item comes from its own place, not from the one read before
            for (int i = held.size() - 1; i >= 0; i--) {
                assertThat(read.get(i)).as(type).isEqualTo(held.get(i));
                assertThat(read.key(i)).as(type).isEqualTo(held.key(i));
            }
        }
        assertThat(rows.ends()).isEqualTo(inMemory.ends());
    }

    @Test
    void aTruncatedFileIsNamedWithWhereItEnds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path file = tmp.resolve("resolved.json");
        byte[] json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(graph());
        java.nio.file.Files.write(file, java.util.Arrays.copyOf(json, json.length / 2));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GraphLoader.prepare(file))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a resolved graph")
                .hasMessageContaining("at byte");
    }

    private static Map<String, Object> content(GraphLoader.LoadRows rows) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        rows.nodes().forEach((k, v) -> all.put("node " + k, new ArrayList<>(v)));
        rows.relationships().forEach((k, v) -> all.put("rel " + k, new ArrayList<>(v)));
        return all;
    }

    private static String sizes(Map<String, ? extends List<?>> side) {
        return String.join(" ", side.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList());
    }

    private static final String EXPECTED_STAMP = "9b1269c0983a2e56";
    private static final String EXPECTED_CONTENT = "ca3d59624577e91c";
}
