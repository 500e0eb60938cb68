package org.trustmap.graph.internal;

import java.util.HashMap;
import java.util.Map;

import org.apache.jena.graph.Node;

/**
 * Keeps one node per distinct literal value of a property while a graph is read, so that the thousands of records
 * stating the same source, date, country or status share one literal instead of holding a copy each. A property
 * whose values turn out to be mostly distinct (names, LEIs, URLs) stops collecting new values after
 * {@value #LIMIT} of them; the values it already holds are still shared. Sharing changes no value: a literal is
 * replaced only by an equal one (same lexical form, datatype and language).
 */
final class SharedValues {
    /** Distinct values kept per property. */
    static final int LIMIT = 4_096;
    private final Map<Node, Map<Node, Node>> byProperty = new HashMap<>();

    /** {@code value}, or the equal literal this property already gave. */
    Node of(Node property, Node value) {
        if (!value.isLiteral()) {
            return value;
        }
        Map<Node, Node> values = byProperty.computeIfAbsent(property, p -> new HashMap<>());
        Node known = values.get(value);
        if (known != null) {
            return known;
        }
        if (values.size() < LIMIT) {
            values.put(value, value);
        }
        return value;
    }
}
