package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;

@ExtendWith(Neo4jTestServer.class)
class Neo4jTestServerTest {

    private final Driver constructorDriver;

    Neo4jTestServerTest(Driver driver) {
        this.constructorDriver = driver;
    }

    @BeforeEach
    void startEmpty(Driver driver) {
        Neo4jTestServer.clear(driver);
    }

    @Test
    void givesTheSameDriverToConstructorsMethodsAndTheStaticAccessor(Driver driver) {
        assertThat(driver).isSameAs(constructorDriver).isSameAs(Neo4jTestServer.driver());
        assertThat(Neo4jTestServer.server().boltUri()).hasToString("bolt://127.0.0.1:"
                + Neo4jTestServer.server().boltPort());
    }

    @Test
    void clearDeletesNodesAndRelationshipsButKeepsConstraints(Driver driver) {
        driver.executableQuery("CREATE CONSTRAINT org_lei IF NOT EXISTS FOR (o:Organization) REQUIRE o.lei IS UNIQUE")
                .execute();
        driver.executableQuery("""
                UNWIND range(1, 2500) AS i
                CREATE (:Organization {lei: 'LEI' + i})-[:OWNS]->(:Organization {lei: 'SUB' + i})
                """).execute();

        Neo4jTestServer.clear(driver);

        long nodes = driver.executableQuery("MATCH (n) RETURN count(n) AS c").execute().records().get(0)
                .get("c").asLong();
        long constraints = driver.executableQuery("SHOW CONSTRAINTS YIELD name WHERE name = 'org_lei' RETURN count(*) AS c")
                .execute().records().get(0).get("c").asLong();
        assertThat(nodes).isZero();
        assertThat(constraints).isEqualTo(1);
    }
}
