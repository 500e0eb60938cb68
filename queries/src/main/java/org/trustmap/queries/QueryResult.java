package org.trustmap.queries;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one query, with values already converted to plain Java: {@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code byte[]}, {@code List}, {@code Map} and {@code null}. Nodes are maps with
 * {@code _labels}, relationships maps with {@code _type}, paths lists of alternating node and relationship maps,
 * temporal values ISO-8601 strings.
 *
 * @param columns the column names in the order the query returned them
 * @param rows    one map per record, keyed by column, in column order
 */
public record QueryResult(List<String> columns, List<Map<String, Object>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        // values may be null, so neither List.copyOf nor Map.copyOf fits the rows
        rows = rows.stream()
                .map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row)))
                .toList();
    }

    public int size() {
        return rows.size();
    }
}
