package org.trustmap.queries;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named analyst queries shipped in {@code cypher/*.cypher} on the class path. Each file opens with comment
 * lines:
 *
 * <pre>
 * // name: ownership-chain
 * // description: The CONTROLLED_BY chain above one organization, with the evidence of every hop.
 * // params: org
 * MATCH ...
 * </pre>
 *
 * <p>{@code params} is a comma-separated list (empty or {@code none} for no parameters). The files are listed in
 * {@code cypher/catalog.txt}, one file name per line, because a class path folder cannot be listed portably inside
 * a (nested) jar.</p>
 */
public final class QueryCatalog {
    static final String FOLDER = "cypher/";
    static final String INDEX = FOLDER + "catalog.txt";

    private final Map<String, NamedQuery> queries;

    private QueryCatalog(List<NamedQuery> queries) {
        Map<String, NamedQuery> byName = new LinkedHashMap<>();
        queries.stream().sorted(Comparator.comparing(NamedQuery::name)).forEach(q -> {
            NamedQuery before = byName.putIfAbsent(q.name(), q);
            if (before != null) {
                throw new IllegalArgumentException("query name '" + q.name() + "' is used by both "
                        + before.resource() + " and " + q.resource());
            }
        });
        this.queries = byName;
    }

    /** The catalog shipped with Trustmap. */
    public static QueryCatalog load() {
        ClassLoader loader = QueryCatalog.class.getClassLoader();
        List<NamedQuery> queries = new ArrayList<>();
        String index = read(loader, INDEX);
        String[] lines = index.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String file = lines[i].strip();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            String resource = FOLDER + file;
            if (loader.getResource(resource) == null) {
                throw new IllegalStateException(INDEX + " line " + (i + 1) + ": no resource " + resource);
            }
            queries.add(parse(resource, read(loader, resource)));
        }
        return new QueryCatalog(queries);
    }

    /** A catalog of the given queries, e.g. an analyst's own. */
    public static QueryCatalog of(List<NamedQuery> queries) {
        return new QueryCatalog(queries);
    }

    /** Every query, by name. */
    public List<NamedQuery> list() {
        return List.copyOf(queries.values());
    }

    public Optional<NamedQuery> find(String name) {
        return Optional.ofNullable(name == null ? null : queries.get(name.strip()));
    }

    /**
     * Parses one {@code .cypher} text: the leading {@code //} lines are the header ({@code name} required,
     * {@code description} and {@code params} optional; other comment lines are kept as comments), the rest the
     * query.
     *
     * @param resource where the text comes from, for messages
     * @throws IllegalArgumentException naming the resource and line when the header has no name, repeats a key or
     *                                  the query is empty
     */
    public static NamedQuery parse(String resource, String text) {
        String name = null;
        String description = "";
        List<String> params = List.of();
        StringBuilder cypher = new StringBuilder();
        String[] lines = text.split("\\R", -1);
        boolean header = true;
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (header && stripped.startsWith("//")) {
                String comment = stripped.substring(2).strip();
                int colon = comment.indexOf(':');
                String key = colon < 0 ? "" : comment.substring(0, colon).strip().toLowerCase();
                String value = colon < 0 ? "" : comment.substring(colon + 1).strip();
                if (key.equals("name") || key.equals("description") || key.equals("params")) {
                    Integer before = seen.put(key, i + 1);
                    if (before != null) {
                        throw new IllegalArgumentException(resource + " line " + (i + 1) + ": '" + key
                                + "' given again (first on line " + before + ")");
                    }
                    switch (key) {
                        case "name" -> name = value;
                        case "description" -> description = value;
                        default -> params = params(value);
                    }
                    continue;
                }
            } else if (header && !stripped.isEmpty()) {
                header = false;
            }
            if (!header || !stripped.isEmpty()) {
                cypher.append(line).append('\n');
            }
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(resource + " line 1: the header has no '// name: ...' line");
        }
        String body = cypher.toString().strip();
        if (body.isEmpty()) {
            throw new IllegalArgumentException(resource + ": query '" + name + "' has no Cypher after its header");
        }
        return new NamedQuery(name, description, params, body + "\n", resource);
    }

    private static List<String> params(String value) {
        if (value.isEmpty() || value.equalsIgnoreCase("none")) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.startsWith("$") ? s.substring(1) : s).toList();
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class path resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
