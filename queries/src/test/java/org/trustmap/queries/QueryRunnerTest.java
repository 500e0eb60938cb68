package org.trustmap.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.ClientException;
import org.trustmap.graph.Neo4jTestServer;

@ExtendWith(Neo4jTestServer.class)
class QueryRunnerTest {
    private final QueryRunner runner = new QueryRunner();

    @BeforeEach
    void graph(Driver driver) {
        Neo4jTestServer.clear(driver);
        TestGraph.write(driver);
    }

    @Test
    void convertsNodesRelationshipsAndPathsToMaps(Driver driver) {
        QueryResult result = runner.run(driver, """
                MATCH path = (p:Product {id: $id})-[r:MADE_BY]->(o:Organization)
                RETURN p, r, path""", Map.of("id", "cam-1"));
        assertThat(result.columns()).containsExactly("p", "r", "path");
        Map<String, Object> row = result.rows().get(0);
        assertThat(row.get("p")).isEqualTo(Map.of("_labels", List.of("Product"), "id", "cam-1",
                "name", "DS-2CD2143G2-I", "vendor", "Hikvision"));
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) row.get("r");
        assertThat(r).containsEntry("_type", "MADE_BY").containsEntry("source", "ieee-oui")
                .containsEntry("date", "2025-10-01");
        List<?> path = (List<?>) row.get("path");
        assertThat(path).hasSize(3);
        assertThat(path.get(1)).isEqualTo(r);
        assertThat(path.get(2)).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("_labels", List.of("Organization"))
                .containsEntry("names", List.of("Hikvision", "海康威视"));
    }

    @Test
    void convertsTemporalValuesToIsoStringsAndKeepsScalars(Driver driver) {
        QueryResult result = runner.run(driver, """
                RETURN date('2025-09-03') AS d, datetime('2025-09-03T10:15:30+02:00') AS dt,
                       datetime({year: 2025, month: 9, day: 3, hour: 10, timezone: 'Europe/Prague'}) AS zoned,
                       localdatetime('2025-09-03T10:15:30') AS ldt, time('10:15:30+01:00') AS t,
                       localtime('10:15') AS lt, duration('P1DT2H') AS dur, 41.88 AS share, 12 AS n, true AS b,
                       null AS nothing, [1, 'a', date('2025-01-07')] AS list, {k: date('2025-01-07')} AS map,
                       point({x: 1.0, y: 2.0}) AS pt""", Map.of());
        Map<String, Object> row = result.rows().get(0);
        assertThat(row.get("d")).isEqualTo("2025-09-03");
        assertThat(row.get("dt")).isEqualTo("2025-09-03T10:15:30+02:00");
        assertThat(row.get("zoned")).isEqualTo("2025-09-03T10:00:00+02:00[Europe/Prague]");
        assertThat(row.get("ldt")).isEqualTo("2025-09-03T10:15:30");
        assertThat(row.get("t")).isEqualTo("10:15:30+01:00");
        assertThat(row.get("lt")).isEqualTo("10:15:00");
        assertThat(row.get("dur")).isEqualTo("P0M1DT7200S");
        assertThat(row.get("share")).isEqualTo(41.88);
        assertThat(row.get("n")).isEqualTo(12L);
        assertThat(row.get("b")).isEqualTo(true);
        assertThat(row).containsEntry("nothing", null);
        assertThat(row.get("list")).isEqualTo(List.of(1L, "a", "2025-01-07"));
        assertThat(row.get("map")).isEqualTo(Map.of("k", "2025-01-07"));
        assertThat(row.get("pt")).isEqualTo(Map.of("srid", 7203L, "x", 1.0, "y", 2.0));
    }

    @Test
    void anEmptyResultStillHasItsColumns(Driver driver) {
        QueryResult result = runner.run(driver, "MATCH (p:Product {id: $id}) RETURN p.id AS id, p.name AS name",
                Map.of("id", "no-such-product"));
        assertThat(result.columns()).containsExactly("id", "name");
        assertThat(result.rows()).isEmpty();
    }

    @Test
    void parametersFromTheCommandLineReachTheQuery(Driver driver) {
        Map<String, Object> params = QueryRunner.parseParams(List.of("min=10", "sector=energy"));
        QueryResult result = runner.run(driver, """
                MATCH (:Operator)-[d:DEPLOYS]->(p:Product)
                WHERE d.sector = $sector AND d.count >= $min
                RETURN p.id AS id ORDER BY id""", params);
        assertThat(result.rows()).extracting(r -> r.get("id")).containsExactly("inv-1", "plug-1");
    }

    @Test
    void refusesToWriteBecauseItRunsInAReadTransaction(Driver driver) {
        assertThatThrownBy(() -> runner.run(driver, "CREATE (:Product {id: 'x'})", Map.of()))
                .isInstanceOf(ClientException.class);
        assertThat(runner.run(driver, "MATCH (p:Product {id: 'x'}) RETURN p", Map.of()).rows()).isEmpty();
    }
}
