package org.trustmap.app;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Trustmap's settings ({@code trustmap.*}); defaults live in {@code application.properties}.
 *
 * @param home    the home folder: embedded Neo4j, staging dataset, job repository, WARC archive, run reports
 * @param data    the data folder: profiles, ontology, sources.yml, demo
 * @param profile the active profile name
 * @param neo4j   graph connection
 */
@ConfigurationProperties("trustmap")
public record TrustmapProperties(Path home, Path data, String profile, Neo4j neo4j) {
    /**
     * @param uri      external Neo4j (bolt:// or neo4j://); empty = embedded
     * @param boltPort port of the embedded Bolt connector; 0 = any free port
     * @param maxRetry how long the driver retries a managed transaction after a transient failure (server gone)
     */
    public record Neo4j(String uri, int boltPort, java.time.Duration maxRetry) {
    }
}
