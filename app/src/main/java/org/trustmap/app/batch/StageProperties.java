package org.trustmap.app.batch;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The stage step's settings ({@code trustmap.stage.*}); defaults live in {@code application.properties}.
 *
 * @param reuseStaged a capture whose graph is already in the staging store, staged by this build with the same shapes
 *                    and parser, is not parsed again (its graph, record count and refused records are reused); set to
 *                    false to stage every capture of the run again
 * @param bulkSources the sources whose documents are bulk captures: checked as every capture, their triples kept in
 *                    their records copies only, not in the TDB2 dataset's quad indexes
 *                    ({@code StagingStore#stageBulk}); {@code *} for every source, empty for none
 */
@ConfigurationProperties("trustmap.stage")
public record StageProperties(Boolean reuseStaged, List<String> bulkSources) {
    /**
     * The sources of registry-sized dumps: the GLEIF golden copy (its API pages too), BODS files, the UK PSC
     * snapshot; their statements were two thirds of a stage's time in TDB2's inserts (BENCHMARKS.md).
     */
    public static final List<String> DEFAULT_BULK_SOURCES = List.of("gleif", "bods", "uk-psc");
    public static final StageProperties DEFAULTS = new StageProperties(true, DEFAULT_BULK_SOURCES);

    public boolean reuses() {
        return reuseStaged == null ? DEFAULTS.reuseStaged : reuseStaged;
    }

    /** Whether the documents of {@code sourceId} are staged as bulk captures. */
    public boolean isBulk(String sourceId) {
        List<String> bulk = bulkSources == null ? DEFAULT_BULK_SOURCES : bulkSources;
        return bulk.contains("*") || bulk.contains(sourceId);
    }
}
