package org.trustmap.queries;

import java.util.List;
import java.util.Map;

/**
 * One query of the catalog.
 *
 * @param name        the name analysts type ({@code trustmap query exposed-products})
 * @param description one line on what it answers
 * @param params      the parameters it expects, in the order documented
 * @param cypher      the Cypher text (parameterized; the header comments removed)
 * @param resource    where it was read from, e.g. {@code cypher/exposed-products.cypher}
 */
public record NamedQuery(String name, String description, List<String> params, String cypher, String resource) {
    public NamedQuery {
        params = List.copyOf(params);
    }

    /** The declared parameters that {@code given} lacks, in declaration order. */
    public List<String> missing(Map<String, ?> given) {
        return params.stream().filter(p -> !given.containsKey(p)).toList();
    }
}
