package org.trustmap.graph;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/** An {@code (:ExposureFinding)} as an analyst reads it back with Cypher: verdict, gaps and the paths (JSON). */
record StoredFinding(String productId, String profile, String verdict, List<String> gaps, List<String> routes,
                     List<String> jurisdictions, List<Map<String, Object>> findings, List<String> reaches) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static StoredFinding of(Driver driver, String productId, String profile) {
        List<Record> rows = driver.executableQuery("""
                MATCH (f:ExposureFinding {productId: $product, profile: $profile})-[:FOR]->(:Product {id: $product})
                OPTIONAL MATCH (f)-[:REACHES]->(o:Organization)
                WITH f, o ORDER BY o.id
                RETURN f.verdict AS verdict, f.gaps AS gaps, f.routes AS routes, f.jurisdictions AS jurisdictions,
                       f.findings AS findings, collect(o.id) AS reaches""")
                .withParameters(Map.of("product", productId, "profile", profile)).execute().records();
        if (rows.size() != 1) {
            throw new AssertionError(rows.size() + " findings for product " + productId + " under " + profile);
        }
        Record r = rows.get(0);
        try {
            return new StoredFinding(productId, profile, r.get("verdict").asString(),
                    r.get("gaps").asList(v -> v.asString()), r.get("routes").asList(v -> v.asString()),
                    r.get("jurisdictions").asList(v -> v.asString()),
                    JSON.readValue(r.get("findings").asString(), new TypeReference<List<Map<String, Object>>>() {
                    }), r.get("reaches").asList(v -> v.asString()));
        } catch (JsonProcessingException e) {
            throw new AssertionError("findings of " + productId + " are not JSON", e);
        }
    }

    /** The hops of the first finding on a route. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> path(String route) {
        return findings.stream().filter(f -> route.equals(f.get("route"))).findFirst()
                .map(f -> (List<Map<String, Object>>) f.get("path"))
                .orElseThrow(() -> new AssertionError("no " + route + " finding for " + productId + ": " + findings));
    }
}
