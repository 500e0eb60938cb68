package org.trustmap.queries;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.trustmap.queries.internal.Values;

/**
 * Runs one Cypher query in a read transaction and returns its rows as plain Java values.
 *
 * <pre>{@code
 * QueryResult result = new QueryRunner().run(driver, catalog.find("ownership-chain").orElseThrow().cypher(),
 *         QueryRunner.parseParams(List.of("org=5493001KJTIIGC8Y1R12")));
 * ResultWriter.write(result, OutputFormat.TABLE, System.out);
 * }</pre>
 */
public final class QueryRunner {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private final String database;

    /** Runs against the server's default database. */
    public QueryRunner() {
        this(null);
    }

    /** Runs against {@code database}; {@code null} means the server's default database. */
    public QueryRunner(String database) {
        this.database = database;
    }

    /** Runs {@code cypher} with {@code params} in a read transaction (retried by the driver when transient). */
    public QueryResult run(Driver driver, String cypher, Map<String, Object> params) {
        Objects.requireNonNull(cypher, "cypher");
        Map<String, Object> p = params == null ? Map.of() : params;
        SessionConfig config = database == null ? SessionConfig.defaultConfig() : SessionConfig.forDatabase(database);
        try (Session session = driver.session(config)) {
            return session.executeRead(tx -> {
                Result result = tx.run(cypher, p);
                List<String> columns = result.keys();
                List<Map<String, Object>> rows = result.list(record -> row(columns, record));
                return new QueryResult(columns, rows);
            });
        }
    }

    private static Map<String, Object> row(List<String> columns, Record record) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String column : columns) {
            row.put(column, Values.plain(record.get(column)));
        }
        return row;
    }

    /**
     * Parameters as given on the command line, {@code key=value} each. A value is converted to a {@code Long} when
     * it is an integer (without leading zeros, so {@code 007} stays a string), to a {@code Double} when it is a
     * decimal ({@code 1.5}, {@code -2.0e3}), to a {@code Boolean} for {@code true}/{@code false} (any case), and is
     * a string otherwise; quote it ({@code k="42"} or {@code k='42'}) to keep a number-like value a string.
     * Everything after the first {@code =} is the value, so {@code url=https://a.example/?x=1} works.
     *
     * @throws IllegalArgumentException for an argument without {@code =}, with an empty key, or a key given twice
     */
    public static Map<String, Object> parseParams(List<String> args) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (args == null) {
            return params;
        }
        for (String arg : args) {
            int eq = arg == null ? -1 : arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("parameter '" + arg + "' has no value; write it as key=value");
            }
            String key = arg.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("parameter '" + arg + "' has no name; write it as key=value");
            }
            if (params.containsKey(key)) {
                throw new IllegalArgumentException("parameter '" + key + "' is given twice");
            }
            params.put(key, convert(arg.substring(eq + 1)));
        }
        return params;
    }

    static Object convert(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        if (INTEGER.matcher(value).matches()) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException tooLong) {
                return value;
            }
        }
        if (DECIMAL.matcher(value).matches()) {
            return Double.parseDouble(value);
        }
        return value;
    }
}
