package org.trustmap.graph;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * The one way Trustmap reaches its graph: the Neo4j Java Driver over Bolt, either to the embedded database under the
 * home folder (started here, on 127.0.0.1) or to an external server, cluster or Aura instance given by URI
 * ({@code neo4j://} routes), with user and password from {@code NEO4J_USERNAME} / {@code NEO4J_PASSWORD}.
 */
public final class Neo4jConnection implements AutoCloseable {
    private final EmbeddedNeo4j embedded;
    private final Driver driver;
    private final String database;
    private final URI uri;

    private Neo4jConnection(EmbeddedNeo4j embedded, Driver driver, String database, URI uri) {
        this.embedded = embedded;
        this.driver = driver;
        this.database = database;
        this.uri = uri;
    }

    /**
     * Opens the graph.
     *
     * @param storeDir  embedded store folder (used when {@code external} is empty)
     * @param external  URI of an external Neo4j; then no embedded database starts
     * @param boltPort  port of the embedded Bolt connector (0 = any free port)
     */
    public static Neo4jConnection open(Path storeDir, Optional<URI> external, int boltPort) {
        return open(storeDir, external, boltPort, DEFAULT_MAX_RETRY);
    }

    /** How long a managed transaction is retried by default: long enough for a server restart or a leader switch. */
    public static final Duration DEFAULT_MAX_RETRY = Duration.ofSeconds(90);

    /**
     * As {@link #open(Path, Optional, int)}, with the time for which the driver retries a managed transaction that
     * failed with a transient error (the server went away, a leader switch): every write of the load and derive is an
     * idempotent managed transaction, so a retry after the server comes back gives the same graph.
     */
    public static Neo4jConnection open(Path storeDir, Optional<URI> external, int boltPort, Duration maxRetry) {
        Config config = Config.builder()
                .withMaxTransactionRetryTime(maxRetry.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        String database = env("NEO4J_DATABASE", "neo4j");
        if (external.isPresent()) {
            String user = System.getenv("NEO4J_USERNAME");
            AuthToken auth = user == null ? AuthTokens.none() : AuthTokens.basic(user, env("NEO4J_PASSWORD", ""));
            Driver driver = GraphDatabase.driver(external.get(), auth, config);
            try {
                driver.verifyConnectivity();
            } catch (RuntimeException e) {
                driver.close();
                throw new EmbeddedNeo4jException("cannot reach Neo4j at " + external.get() + ": " + e.getMessage(), e);
            }
            return new Neo4jConnection(null, driver, database, external.get());
        }
        EmbeddedNeo4j embedded = EmbeddedNeo4j.start(storeDir, "127.0.0.1", boltPort);
        try {
            Driver driver = GraphDatabase.driver(embedded.boltUri(), AuthTokens.none(), config);
            driver.verifyConnectivity();
            return new Neo4jConnection(embedded, driver, "neo4j", embedded.boltUri());
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public Driver driver() {
        return driver;
    }

    public String database() {
        return database;
    }

    public URI uri() {
        return uri;
    }

    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
