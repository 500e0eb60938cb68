package org.trustmap.app.batch;

import java.io.IOException;
import java.nio.file.Path;

import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.springframework.batch.core.step.StepContribution;
import org.trustmap.app.Workspace;
import org.trustmap.app.bench.BulkImport;
import org.trustmap.graph.GraphLoader;
import org.trustmap.graph.GraphLoader.LoadResult;
import org.trustmap.graph.GraphLoader.LoadRows;
import org.trustmap.graph.Neo4jConnection;

/**
 * Step 4: writes the resolved graph to Neo4j over Bolt and retires facts no source states any more. A first load of a
 * large graph into an empty embedded database goes through the bulk importer first ({@link LoadProperties}), then only
 * the schema is created and Neo4j's counts are compared with the rows ({@link GraphLoader#loadImported}); a restart
 * after the imported store was swapped in finds the database not empty and takes the Bolt load, which checks every
 * row.
 */
final class LoadTasklet extends RefreshTasklet {
    /** What the last load left in the graph, read back by the next load ({@link LoadProperties#digestFile}). */
    static final String DIGEST_FILE = "load-digests.bin";
    private final LoadProperties settings;

    LoadTasklet(Workspace workspace, LoadProperties settings) {
        super(workspace);
        this.settings = settings == null ? LoadProperties.DEFAULTS : settings;
    }

    @Override
    void run(RefreshRequest request, String runId, Path runDir, StepContribution contribution) throws Exception {
        long t0 = System.nanoTime();
        // read as a stream: the rows keep where their items are in the file, not the items (RowList)
        LoadRows rows = GraphLoader.prepare(runDir.resolve("resolved.json"));
        LOG.info("load: resolved.json read, rows and digests prepared in {} s",
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        Neo4jConnection neo4j = workspace.neo4j();
        long imported = 0;
        if (settings.importsFirstLoad() && neo4j.embedded() && size(rows) >= settings.minRows() && empty(neo4j)) {
            imported = bulkImport(rows, runDir.resolve("import"));
            neo4j = workspace.neo4j();
        }
        GraphLoader loader = new GraphLoader(neo4j.driver(), neo4j.database(),
                settings.keepsDigestFile() ? workspace.home().resolve(DIGEST_FILE) : null);
        LoadResult result = imported > 0 ? loader.loadImported(rows) : loader.load(rows);
        if (imported > 0) {
            RunFiles.write(runDir.resolve("import.json"), java.util.Map.of("imported", imported));
            result = new LoadResult(result.stamp(), result.organizations(), result.products(), result.facts(),
                    result.retired(), result.written() + imported);
        }
        RunFiles.write(runDir.resolve("load.json"), result);
        contribution.incrementWriteCount(result.facts());
        LOG.info("load: {} organizations, {} products, {} facts into {}; {} retired", result.organizations(),
                result.products(), result.facts(), neo4j.uri(), result.retired());
    }

    /** Imports the rows into a store of its own and swaps it in; returns the rows imported, 0 if the import failed. */
    private long bulkImport(LoadRows rows, Path folder) throws IOException {
        long t0 = System.nanoTime();
        BulkImport.Outcome outcome = BulkImport.run(rows, folder, settings.memory());
        if (outcome.exitCode() != 0) {
            // not fatal: the Bolt load writes the same graph, only slower
            LOG.warn("load: the bulk importer failed (exit {}), loading through Bolt instead:\n{}", outcome.exitCode(),
                    outcome.output().strip());
            Workspace.deleteTree(folder);
            return 0;
        }
        workspace.replaceEmbeddedStore(folder.resolve("neo4j-home"));
        Workspace.deleteTree(folder);
        LOG.info("load: first load into an empty database through the bulk importer: {} nodes + {} relationships in"
                        + " {} s (CSV {} s, import {} s)",
                outcome.nodes(), outcome.relationships(), String.format("%.1f", (System.nanoTime() - t0) / 1e9),
                String.format("%.1f", outcome.csvSeconds()), String.format("%.1f", outcome.importSeconds()));
        return outcome.rows();
    }

    private static long size(LoadRows rows) {
        return rows.nodes().values().stream().mapToLong(java.util.List::size).sum() + rows.facts();
    }

    private static boolean empty(Neo4jConnection neo4j) {
        try (Session s = neo4j.driver().session(SessionConfig.forDatabase(neo4j.database()))) {
            return s.executeRead(tx -> tx.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong()) == 0;
        }
    }
}
