package org.trustmap.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.trustmap.crawler.StagingStore;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.graph.Neo4jConnection;
import org.trustmap.graph.Profile;

/**
 * The home folder's layout and the stores in it, opened on first use and closed together:
 * {@code neo4j/} (embedded database), {@code staging/} (TDB2), {@code archive/} (WARC), {@code jobrepo/} (H2) and
 * {@code runs/} (one folder of reports per run).
 */
public final class Workspace implements AutoCloseable {
    private final Path home;
    private final Path data;
    private final Optional<URI> neo4jUri;
    private final int boltPort;
    private final Duration maxRetry;
    private EvidenceArchive archive;
    private StagingStore staging;
    private Neo4jConnection neo4j;
    // one lock per resource: the background Neo4j start (warmUp) must not hold up the crawl's archive or staging
    private final Object archiveLock = new Object();
    private final Object stagingLock = new Object();
    private final Object neo4jLock = new Object();

    public Workspace(Path home, Path data, Optional<URI> neo4jUri, int boltPort) {
        this(home, data, neo4jUri, boltPort, Neo4jConnection.DEFAULT_MAX_RETRY);
    }

    public Workspace(Path home, Path data, Optional<URI> neo4jUri, int boltPort, Duration maxRetry) {
        this.maxRetry = maxRetry;
        this.home = home.toAbsolutePath().normalize();
        this.data = data.toAbsolutePath().normalize();
        this.neo4jUri = neo4jUri;
        this.boltPort = boltPort;
    }

    public static Workspace of(TrustmapProperties p) {
        String uri = p.neo4j() == null ? null : p.neo4j().uri();
        return new Workspace(p.home(), p.data(), uri == null || uri.isBlank() ? Optional.empty() : Optional.of(URI.create(uri)),
                p.neo4j() == null ? 0 : p.neo4j().boltPort(),
                p.neo4j() == null || p.neo4j().maxRetry() == null ? Neo4jConnection.DEFAULT_MAX_RETRY : p.neo4j().maxRetry());
    }

    public Path home() {
        return home;
    }

    public Path data() {
        return data;
    }

    public Path runDir(String runId) throws IOException {
        return Files.createDirectories(home.resolve("runs").resolve(runId));
    }

    public EvidenceArchive archive() throws IOException {
        synchronized (archiveLock) {
            if (archive == null) {
                archive = EvidenceArchive.open(home.resolve("archive"));
            }
            return archive;
        }
    }

    public StagingStore staging() throws IOException {
        synchronized (stagingLock) {
            if (staging == null) {
                staging = StagingStore.open(home.resolve("staging"), data.resolve("ontology/shapes.ttl"));
            }
            return staging;
        }
    }

    public Neo4jConnection neo4j() {
        synchronized (neo4jLock) {
            if (neo4j == null) {
                neo4j = Neo4jConnection.open(home.resolve("neo4j"), neo4jUri, boltPort, maxRetry);
            }
            return neo4j;
        }
    }

    /**
     * Replaces the embedded database's store by the one under {@code importedHome} (a Neo4j home whose
     * {@code data/} the bulk importer wrote) and opens it. The embedded Neo4j is stopped first. The swap is two
     * renames: the old {@code data/} aside, the imported one in; a kill between them leaves no {@code data/}, and the
     * next start creates an empty store (the load is then redone). The old store is deleted once the new one opened.
     */
    public Neo4jConnection replaceEmbeddedStore(Path importedHome) throws IOException {
        synchronized (neo4jLock) {
            Neo4jConnection current = neo4j();
            if (!current.embedded()) {
                throw new IllegalStateException("only the embedded database's store can be replaced");
            }
            org.slf4j.LoggerFactory.getLogger("org.trustmap.refresh").info(
                    "load: stopping the embedded database to swap in the imported store");
            current.close();
            neo4j = null;
            Path data = home.resolve("neo4j").resolve("data");
            Path aside = home.resolve("neo4j").resolve("data.replaced-" + System.currentTimeMillis());
            if (Files.exists(data)) {
                Files.move(data, aside);
            }
            Files.move(importedHome.resolve("data"), data);
            Neo4jConnection opened = neo4j();
            org.slf4j.LoggerFactory.getLogger("org.trustmap.refresh").info("load: the imported store is open");
            deleteTree(aside);
            return opened;
        }
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Starts opening the graph in the background (an embedded start takes seconds) while other work goes on, then,
     * for the embedded database, runs the load's first look-ups and derive's read once, so that a new process has
     * their query plans, compiled code and pages at hand when the steps need them (read-only: the graph is not
     * changed).
     */
    public void warmUp() {
        Thread t = new Thread(() -> {
            try {
                Neo4jConnection graph = neo4j();
                if (!graph.embedded()) {
                    return; // a server keeps its plans and pages between clients: nothing to warm
                }
                long t0 = System.nanoTime();
                new org.trustmap.graph.GraphLoader(graph.driver(), graph.database()).warmUp();
                try (var session = graph.driver().session(org.neo4j.driver.SessionConfig.forDatabase(graph.database()))) {
                    org.trustmap.graph.internal.GraphSnapshot.read(session);
                }
                org.slf4j.LoggerFactory.getLogger("org.trustmap.refresh").debug(
                        "warm-up: load look-ups and derive's read in {} ms", (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                // reported again, with its message, where the graph is first needed
            }
        }, "neo4j-warm-up");
        t.setDaemon(true);
        t.start();
    }

    public Profile profile(String name) throws IOException {
        return Profile.load(data.resolve("profiles"), name);
    }

    @Override
    public void close() throws IOException {
        synchronized (neo4jLock) {
            synchronized (stagingLock) {
                synchronized (archiveLock) {
                    closeAll();
                }
            }
        }
    }

    private void closeAll() throws IOException {
        try {
            if (neo4j != null) {
                neo4j.close();
            }
        } finally {
            try {
                if (staging != null) {
                    staging.close();
                }
            } finally {
                if (archive != null) {
                    archive.close();
                }
            }
        }
    }
}
