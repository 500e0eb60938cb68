package org.trustmap.queries;

import java.util.List;

/**
 * The verdict one refresh run gave one deployed product, as kept in {@code runs/<run>/verdicts.json}.
 *
 * @param name          the product's display name, {@code null} in runs that did not keep it
 * @param routes        the routes of its findings
 * @param jurisdictions the concern jurisdictions its findings reach
 * @param gaps          the named gaps of an UNDETERMINED verdict
 * @param flags         list flags met on its routes ("Organization: FLAG"); empty in runs that did not keep them
 */
public record RunVerdict(String productId, String name, String verdict, List<String> routes,
                         List<String> jurisdictions, List<String> gaps, List<String> flags) {
    public RunVerdict {
        routes = routes == null ? List.of() : List.copyOf(routes);
        jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
        flags = flags == null ? List.of() : List.copyOf(flags);
    }
}
