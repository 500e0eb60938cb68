package org.trustmap.queries;

import java.util.List;
import java.util.Map;

/**
 * A regulator's exposure report for one sector (or {@link SectorReports#ALL every sector}) across the operators'
 * inventories: the tallies overall and per operator, the EXPOSED deployments with their paths and per-hop evidence,
 * the UNDETERMINED ones with their gaps, the NOT_FOUND ones, and the list flags met on the routes.
 *
 * @param sector       the sector as asked for, lower case, or {@code all}
 * @param stamp        what the verdicts were derived under and when the report was made
 * @param overall      the tally over every deployment of the report
 * @param operators    one tally per operator, by name
 * @param exposed      EXPOSED deployments, in {@link ExposureReport#ORDER}
 * @param undetermined UNDETERMINED deployments (including those not derived yet)
 * @param notFound     NOT_FOUND deployments
 * @param flags        each list flag on an organization met on the routes, with the products it touches
 */
public record SectorReport(String sector, Stamp stamp, Tally overall, List<OperatorTally> operators,
                           List<ExposureEntry> exposed, List<ExposureEntry> undetermined,
                           List<ExposureEntry> notFound, List<FlagEntry> flags) {
    public SectorReport {
        operators = List.copyOf(operators);
        exposed = List.copyOf(exposed);
        undetermined = List.copyOf(undetermined);
        notFound = List.copyOf(notFound);
        flags = List.copyOf(flags);
    }

    /** Every deployment of the report, in {@link ExposureReport#ORDER}. */
    public List<ExposureEntry> entries() {
        List<ExposureEntry> all = new java.util.ArrayList<>(exposed);
        all.addAll(undetermined);
        all.addAll(notFound);
        return List.copyOf(all);
    }

    /**
     * @param generatedAt when the report was made (ISO-8601 instant)
     * @param profiles    the profiles (name and hash) the verdicts were derived under; one unless runs under several
     *                    profiles left findings
     * @param runs        the refresh runs whose findings the report shows
     */
    public record Stamp(String generatedAt, List<ExposureEntry.Profile> profiles, List<Run> runs) {
        public Stamp {
            profiles = List.copyOf(profiles);
            runs = List.copyOf(runs);
        }
    }

    /** A refresh run; {@code finishedAt} is {@code null} when the graph has no {@code (:Run)} node for it. */
    public record Run(String id, String finishedAt) {
    }

    /**
     * Counts over a set of deployments. Each map counts the deployments (and their units) that have that verdict,
     * that have at least one finding on that route, to that concern jurisdiction, or that meet that list flag.
     *
     * @param units           sum of the DEPLOYS counts that are known
     * @param withoutCount    deployments whose inventory gave no count (not in {@code units})
     * @param verdicts        every verdict, zero included
     * @param routes          MAKER, COMPONENT, DATA_TRANSFER, REMOTE_ADMIN (zero included), then any other route met
     * @param jurisdictions   the concern jurisdictions reached, by code
     * @param flags           list flags (US_DOD_1260H ...) on organizations met on the routes
     */
    public record Tally(int deployments, long units, int withoutCount, Map<String, Count> verdicts,
                        Map<String, Count> routes, Map<String, Count> jurisdictions, Map<String, Count> flags) {
        public Tally {
            verdicts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(verdicts));
            routes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(routes));
            jurisdictions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(jurisdictions));
            flags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(flags));
        }
    }

    /** How many deployments, and how many units of them (known counts only). */
    public record Count(int deployments, long units) {
    }

    /** The tally of one operator, with the sectors it was counted in. */
    public record OperatorTally(String operator, List<String> sectors, Tally tally) {
        public OperatorTally {
            sectors = List.copyOf(sectors);
        }
    }

    /**
     * One list flag on one organization.
     *
     * @param products the ids of the deployed products on whose routes the organization was met
     */
    public record FlagEntry(String flag, String organization, List<String> products) {
        public FlagEntry {
            products = List.copyOf(products);
        }
    }
}
