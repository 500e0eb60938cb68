package org.trustmap.crawler.sources.opensanctions;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a 1260H notice's note for a statement that a PRC state body owns or controls the company, e.g. "CETC is
 * directly owned and controlled by SASAC" or "CH UAV is indirectly owned by the State-Owned Assets Supervision and
 * Administration Commission of the State Council (SASAC)". Affiliation ("indirectly affiliated with SASAC", "affiliated
 * with the PLA") is not ownership and gives nothing: only words of ownership or control count.
 */
final class StateOwnershipNote {
    static final String SASAC_NAME = "State-owned Assets Supervision and Administration Commission of the State Council";
    static final String SASAC_ALIAS = "SASAC";

    private static final Pattern OWNED_BY_SASAC = Pattern.compile(
            "\\b(directly|indirectly)\\s+(owned|controlled)(?:\\s+and\\s+(?:owned|controlled))?\\s+by"
                    + "(?:\\s+and\\s+(?:directly\\s+|indirectly\\s+)?affiliated\\s+with)?\\s+(?:the\\s+)?"
                    + "(?:State[- ]Owned\\s+Assets\\s+Supervision\\s+and\\s+Administration\\s+Commission"
                    + "(?:\\s+of\\s+the\\s+State\\s+Council)?\\s*\\(\\s*)?SASAC\\b\\)?",
            Pattern.CASE_INSENSITIVE);

    /** The phrase that states it, as written (e.g. "directly owned and controlled by SASAC"), or empty. */
    static Optional<String> sasacOwnership(String note) {
        if (note == null || note.isBlank()) {
            return Optional.empty();
        }
        Matcher m = OWNED_BY_SASAC.matcher(note);
        return m.find() ? Optional.of(m.group().replaceAll("\\s+", " ")) : Optional.empty();
    }

    private StateOwnershipNote() {
    }
}
