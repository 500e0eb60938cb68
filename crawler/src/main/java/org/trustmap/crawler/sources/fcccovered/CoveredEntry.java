package org.trustmap.crawler.sources.fcccovered;

import java.time.LocalDate;
import java.util.List;

/**
 * One row of the FCC Covered List.
 *
 * @param location     where it is in the document ({@code row 3}, {@code line 4})
 * @param text         the row's description of the covered equipment or services, as plain text
 * @param included     date of inclusion on the list (the first date of the row; later "Updated:" dates ignored)
 * @param entities     producers or providers the row names, exactly as written, in order
 * @param subsidiaries named subsidiaries stated as such ("X and its wholly-owned subsidiary Y"), as Y -> X
 * @param category     for a row naming no entity: the category flag id (e.g. {@code US_FCC_COVERED_CATEGORY_ROUTERS}),
 *                     else null
 */
public record CoveredEntry(String location, String text, LocalDate included, List<String> entities,
                           List<Subsidiary> subsidiaries, String category) {
    public CoveredEntry {
        entities = List.copyOf(entities);
        subsidiaries = List.copyOf(subsidiaries);
    }

    public boolean isCategory() {
        return entities.isEmpty();
    }

    /** A subsidiary the row names and the parent it names it under. */
    public record Subsidiary(String name, String parent) {
    }
}
