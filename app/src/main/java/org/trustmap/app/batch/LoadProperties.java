package org.trustmap.app.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The load step's settings ({@code trustmap.load.*}); defaults live in {@code application.properties}.
 *
 * @param importFirstLoad a first load into an EMPTY embedded database goes through the Neo4j bulk importer
 *                        ({@code neo4j-admin database import full}), then the schema is created and Neo4j's counts
 *                        are checked against the rows ({@link org.trustmap.graph.GraphLoader#loadImported}); external
 *                        databases and nightly loads always go through Bolt
 * @param importMinRows   the importer is used only for a load of at least this many nodes + relationships (below it,
 *                        the importer's fixed start costs more than it saves)
 * @param importMemory    the importer's {@code --max-off-heap-memory}
 * @param digestFile      each load keeps the keys and digests it left in the graph in {@code load-digests.bin} in the
 *                        home folder, and the next load reads them from there instead of from Neo4j while the graph
 *                        carries that load's stamp and Neo4j's counts per label and type are unchanged
 *                        ({@link org.trustmap.graph.GraphLoader}); false reads every stored digest from Neo4j
 */
@ConfigurationProperties("trustmap.load")
public record LoadProperties(Boolean importFirstLoad, Long importMinRows, String importMemory, Boolean digestFile) {
    public static final LoadProperties DEFAULTS = new LoadProperties(true, 200_000L, "1G", true);

    public boolean keepsDigestFile() {
        return digestFile == null ? DEFAULTS.digestFile : digestFile;
    }

    public boolean importsFirstLoad() {
        return importFirstLoad == null ? DEFAULTS.importFirstLoad : importFirstLoad;
    }

    public long minRows() {
        return importMinRows == null ? DEFAULTS.importMinRows : importMinRows;
    }

    public String memory() {
        return importMemory == null || importMemory.isBlank() ? DEFAULTS.importMemory : importMemory;
    }
}
