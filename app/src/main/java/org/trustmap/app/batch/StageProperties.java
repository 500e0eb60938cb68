package org.trustmap.app.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The stage step's settings ({@code trustmap.stage.*}); defaults live in {@code application.properties}.
 *
 * @param reuseStaged a capture whose graph is already in the staging store, staged by this build with the same shapes
 *                    and parser, is not parsed again (its graph, record count and refused records are reused); set to
 *                    false to stage every capture of the run again
 * @param bulkBytes   a capture whose archived record is at least this many bytes is a bulk capture: checked as every
 *                    capture, its triples kept in its records copy only, not in the TDB2 dataset's quad indexes
 *                    ({@code StagingStore#stageBulk}); a negative value stages every capture into TDB2
 */
@ConfigurationProperties("trustmap.stage")
public record StageProperties(Boolean reuseStaged, Long bulkBytes) {
    /** 16 MiB: a GLEIF golden-copy file, an OpenSanctions or PSC snapshot are bulk; pages, lists and inventories not. */
    public static final long DEFAULT_BULK_BYTES = 16L << 20;
    public static final StageProperties DEFAULTS = new StageProperties(true, DEFAULT_BULK_BYTES);

    public boolean reuses() {
        return reuseStaged == null ? DEFAULTS.reuseStaged : reuseStaged;
    }

    /** Whether a capture whose archived record has {@code size} bytes is staged as a bulk capture. */
    public boolean isBulk(long size) {
        long limit = bulkBytes == null ? DEFAULT_BULK_BYTES : bulkBytes;
        return limit >= 0 && size >= limit;
    }
}
