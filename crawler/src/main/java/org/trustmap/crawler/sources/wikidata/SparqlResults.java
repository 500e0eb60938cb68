package org.trustmap.crawler.sources.wikidata;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.atlas.json.JsonException;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * A SPARQL SELECT result ({@code application/sparql-results+json}) read with Jena: the variables of its head and
 * its rows, each a map from bound variable names to nodes (unbound OPTIONAL variables are absent). Jena reads the
 * JSON document as a whole; the organizations query keeps it small by asking for a bounded batch of items.
 */
public final class SparqlResults {
    private final List<String> vars;
    private final ResultSet rows;

    private SparqlResults(List<String> vars, ResultSet rows) {
        this.vars = List.copyOf(vars);
        this.rows = rows;
    }

    /** Reads the head; rows follow through {@link #rows()}. Malformed input throws {@link MalformedResults}. */
    public static SparqlResults read(InputStream in) {
        try {
            ResultSet rs = ResultSetMgr.read(in, ResultSetLang.RS_JSON);
            return new SparqlResults(rs.getResultVars(), rs);
        } catch (RiotException | JsonException | QueryException e) {
            throw new MalformedResults(e.getMessage(), e);
        }
    }

    public List<String> vars() {
        return vars;
    }

    /** The rows, in document order; iterate once. */
    public Iterator<Map<String, Node>> rows() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return rows.hasNext();
                } catch (RiotException | JsonException | QueryException e) {
                    throw new MalformedResults(e.getMessage(), e);
                }
            }

            @Override
            public Map<String, Node> next() {
                Binding b;
                try {
                    b = rows.nextBinding();
                } catch (RiotException | JsonException | QueryException e) {
                    throw new MalformedResults(e.getMessage(), e);
                }
                Map<String, Node> row = new LinkedHashMap<>();
                b.vars().forEachRemaining(v -> row.put(v.getVarName(), b.get(v)));
                return row;
            }
        };
    }

    /** All rows at once (small results and tests). */
    public List<Map<String, Node>> all() {
        List<Map<String, Node>> out = new ArrayList<>();
        rows().forEachRemaining(out::add);
        return out;
    }

    /** The lexical form of a literal or the IRI of a resource bound to {@code var}. */
    public static Optional<String> text(Map<String, Node> row, String var) {
        Node n = row.get(var);
        if (n == null || n.isBlank()) {
            return Optional.empty();
        }
        String s = n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : null;
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    /** The result document is not SPARQL JSON results. */
    public static final class MalformedResults extends RuntimeException {
        MalformedResults(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
