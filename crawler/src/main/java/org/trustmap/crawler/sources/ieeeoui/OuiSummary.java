package org.trustmap.crawler.sources.ieeeoui;

/**
 * What one IEEE registry file gave.
 *
 * @param assignments organization records staged, one per assignment
 * @param privates    assignments the registry lists as "Private" (no organization named): counted, not staged
 * @param rejected    rows rejected through the error policy
 * @param noCountry   staged assignments whose address carries no ISO country code
 */
public record OuiSummary(long assignments, long privates, long rejected, long noCountry) {
}
