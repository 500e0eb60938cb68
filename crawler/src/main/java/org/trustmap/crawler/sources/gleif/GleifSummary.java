package org.trustmap.crawler.sources.gleif;

/**
 * What one GLEIF document gave.
 *
 * @param accepted records staged (including relationships skipped as not control)
 * @param rejected records rejected through the error policy
 * @param skipped  relationships that are not control (fund management, sub-fund, feeder): counted, not staged
 * @param written  record writes to the sink (organizations, stubs and links; a stub shared by several
 *                 relationships is written once per document)
 */
public record GleifSummary(long accepted, long rejected, long skipped, long written) {
}
