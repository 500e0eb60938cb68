package org.trustmap.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * A hash of the whole graph: every node's labels and properties and every relationship's type, properties and end
 * keys, sorted. Run bookkeeping ((:Run) nodes, the loader's (:LoadState) node, runId and stamp properties) is left
 * out: it differs between runs by design.
 */
final class GraphFingerprint {
    private GraphFingerprint() {
    }

    static String of(Driver driver) throws Exception {
        try (Session s = driver.session()) {
            return of(s);
        }
    }

    static String of(Session s) throws Exception {
        List<String> lines = lines(s);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String line : lines) {
            md.update(line.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return lines.size() + ":" + HexFormat.of().formatHex(md.digest());
    }

    /** The fingerprint's lines, sorted: one per node and relationship (readable differences in a test). */
    static List<String> lines(Session s) {
        return lines(s, "Run");
    }

    /** The fingerprint's lines without nodes of {@code label} and {@code Run} and their relationships. */
    static List<String> lines(Session s, String label) {
        List<String> lines = new ArrayList<>();
        String without = "NOT n:Run AND NOT n:LoadState AND NOT n:" + label;
        {
            s.run("MATCH (n) WHERE " + without + " RETURN labels(n) AS l, properties(n) AS p").forEachRemaining(r ->
                    lines.add("N " + r.get("l").asList() + " " + clean(r.get("p").asMap())));
            s.run("""
                    MATCH (a)-[r]->(b) WHERE NOT a:Run AND NOT b:Run AND NOT a:%1$s AND NOT b:%1$s
                    RETURN type(r) AS t, properties(r) AS p, coalesce(a.id, a.code, a.name, a.key) AS a,
                           coalesce(b.id, b.code, b.name, b.key) AS b""".formatted(label)).forEachRemaining(r ->
                    lines.add("R " + r.get("a").asString() + " " + r.get("t").asString() + " " + r.get("b").asString()
                            + " " + clean(r.get("p").asMap())));
        }
        lines.sort(null);
        return lines;
    }

    private static Map<String, Object> clean(Map<String, Object> props) {
        Map<String, Object> m = new TreeMap<>(props);
        m.remove("stamp");
        m.remove("runId");
        return m;
    }
}
