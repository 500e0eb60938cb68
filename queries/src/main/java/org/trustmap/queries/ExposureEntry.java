package org.trustmap.queries;

import java.util.List;

/**
 * One deployment (operator, sector, product) with the verdict of the product's current finding.
 *
 * @param count    units deployed (sum of the DEPLOYS counts), or {@code null} when no inventory gave one
 * @param findings the complete paths to a concern jurisdiction (empty unless EXPOSED)
 * @param gaps     what is missing for a verdict ("not derived yet" when the product has no finding)
 * @param profile  the profile and its hash the finding was derived under (both {@code null} when not derived)
 * @param flags    the profile's list flags on organizations met on the routes ("Organization: US_DOD_1260H");
 *                 they inform, they never decide the verdict
 * @param runId    the refresh run that derived the finding ({@code null} when not derived)
 */
public record ExposureEntry(Product product, String operator, String sector, Long count, Verdict verdict,
                            List<Finding> findings, List<String> gaps, Profile profile, List<String> flags,
                            String runId) {
    /** The gap reported for a deployed product that has no {@code (:ExposureFinding)} yet. */
    public static final String NOT_DERIVED = "not derived yet";

    public ExposureEntry {
        findings = List.copyOf(findings);
        gaps = List.copyOf(gaps);
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** An entry without the run that derived it. */
    public ExposureEntry(Product product, String operator, String sector, Long count, Verdict verdict,
                         List<Finding> findings, List<String> gaps, Profile profile, List<String> flags) {
        this(product, operator, sector, count, verdict, findings, gaps, profile, flags, null);
    }

    /** An entry without flags. */
    public ExposureEntry(Product product, String operator, String sector, Long count, Verdict verdict,
                         List<Finding> findings, List<String> gaps, Profile profile) {
        this(product, operator, sector, count, verdict, findings, gaps, profile, List.of(), null);
    }

    public record Product(String id, String name, String vendor) {
    }

    /**
     * One complete path from the product to an organization based in {@code jurisdiction}.
     *
     * @param ownership how the ownership part of the path counted under the profile (e.g. "integrated share 54 % over
     *                  2 paths >= control 50 %"), or null when the path has no ownership hop
     */
    public record Finding(String route, String jurisdiction, List<Hop> path, String ownership) {
        public Finding {
            path = List.copyOf(path);
        }

        public Finding(String route, String jurisdiction, List<Hop> path) {
            this(route, jurisdiction, path, null);
        }
    }

    /** One evidence-backed edge of a path. {@code date} is "yyyy-MM-dd" or {@code null}. */
    public record Hop(String from, String relation, String to, String source, String evidence, String date,
                      String recordId) {
    }

    public record Profile(String name, String hash) {
    }
}
