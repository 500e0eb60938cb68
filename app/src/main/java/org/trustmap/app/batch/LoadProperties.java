package org.trustmap.app.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The load step's settings ({@code trustmap.load.*}); defaults live in {@code application.properties}.
 *
 * @param importFirstLoad a first load into an EMPTY embedded database goes through the Neo4j bulk importer
 *                        ({@code neo4j-admin database import full}), then through the ordinary Bolt load, which finds
 *                        every row in place (it checks the import and creates the schema); external databases and
 *                        nightly loads always go through Bolt
 * @param importMinRows   the importer is used only for a load of at least this many nodes + relationships (below it,
 *                        the importer's fixed start costs more than it saves)
 * @param importMemory    the importer's {@code --max-off-heap-memory}
 */
@ConfigurationProperties("trustmap.load")
public record LoadProperties(Boolean importFirstLoad, Long importMinRows, String importMemory) {
    public static final LoadProperties DEFAULTS = new LoadProperties(true, 200_000L, "1G");

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
