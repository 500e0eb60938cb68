package org.trustmap.app.bench;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.trustmap.graph.GraphLoader.LoadRows;
import org.trustmap.graph.RowList;
import org.trustmap.graph.internal.InOrder;

/**
 * The bulk-importer reference of the bench: writes the load's nodes and relationships (the very rows the Bolt load
 * writes, with their keys and digests) as the importer's CSV files and runs {@code neo4j-admin database import full}
 * from the Neo4j jars on the classpath ({@link AdminTool}) into a database of its own under {@code folder}, never the
 * workspace's.
 */
public final class BulkImport {
    /** Separates the values of list properties (organization names, sources) in the CSV files. */
    private static final String ARRAY_DELIMITER = "\u00A6";

    /** What the import took. */
    public record Outcome(long nodes, long relationships, double csvSeconds, double importSeconds, int exitCode,
                          String output) {
        public long rows() {
            return nodes + relationships;
        }
    }

    private BulkImport() {
    }

    /** The importer's CSV files and command line, written once, run once or more ({@link #execute}). */
    public record Prepared(Path folder, Path home, List<String> args, long nodes, long relationships,
                           double csvSeconds) {
    }

    /** Writes the CSV files and imports them in this JVM (the job's first load). */
    public static Outcome run(LoadRows rows, Path folder, String offHeap) throws IOException {
        return execute(prepare(rows, folder, offHeap), false);
    }

    /** Writes the rows as the importer's CSV files under {@code folder} (emptied first) and its arguments. */
    public static Prepared prepare(LoadRows rows, Path folder, String offHeap) throws IOException {
        Path home = folder.resolve("neo4j-home");
        Path csv = folder.resolve("csv");
        org.trustmap.app.Workspace.deleteTree(folder);
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/neo4j.conf"), "");
        Files.createDirectories(csv);
        long t0 = System.nanoTime();
        // the database name first: --nodes/--relationships take several files and would swallow a trailing name
        List<String> args = new ArrayList<>(List.of("database", "import", "full", "neo4j", "--overwrite-destination=true",
                "--max-off-heap-memory=" + offHeap, "--threads=2", "--skip-bad-relationships=true",
                "--bad-tolerance=1000000000", "--array-delimiter=" + ARRAY_DELIMITER,
                "--report-file=" + folder.resolve("import.report")));
        long nodes = 0;
        for (Map.Entry<String, RowList> e : rows.nodes().entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Path file = csv.resolve("nodes-" + e.getKey() + ".csv");
            nodes += writeNodes(file, e.getKey(), e.getValue());
            args.add("--nodes=" + e.getKey() + "=" + file);
        }
        long rels = 0;
        for (Map.Entry<String, RowList> e : rows.relationships().entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Path file = csv.resolve("rels-" + e.getKey() + ".csv");
            rels += writeRels(file, rows.ends().get(e.getKey()), e.getValue());
            args.add("--relationships=" + e.getKey() + "=" + file);
        }
        return new Prepared(folder, home, List.copyOf(args), nodes, rels, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Runs {@code neo4j-admin database import full} over prepared files: in this JVM through {@link AdminTool}, or,
     * with {@code ownProcess}, in a JVM of its own started from the same class path ({@link #ownProcessCommand}),
     * as the Neo4j distribution's {@code neo4j-admin} runs it. The second is the bench's reference: an import in
     * this JVM after an earlier one runs with the importer's code already compiled and takes about half the time
     * (200k: 15.9 s against 29.3 s in a JVM of its own).
     */
    public static Outcome execute(Prepared prepared, boolean ownProcess) throws IOException {
        long t1 = System.nanoTime();
        int code;
        String output;
        if (ownProcess) {
            Path log = prepared.folder().resolve("import.log");
            ProcessBuilder pb = new ProcessBuilder(ownProcessCommand(prepared.args()))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("NEO4J_HOME", prepared.home().toString());
            pb.environment().put("NEO4J_CONF", prepared.home().resolve("conf").toString());
            Process process = pb.start();
            try {
                code = process.waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the bulk importer ran", e);
            }
            output = Files.readString(log, StandardCharsets.UTF_8);
        } else {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
                code = AdminTool.execute(new ExecutionContext(prepared.home(), prepared.home().resolve("conf"), out, out,
                        new DefaultFileSystemAbstraction()), prepared.args().toArray(String[]::new));
            }
            output = log.toString(StandardCharsets.UTF_8);
        }
        double importSeconds = (System.nanoTime() - t1) / 1e9;
        return new Outcome(prepared.nodes(), prepared.relationships(), prepared.csvSeconds(), importSeconds, code,
                output);
    }

    /**
     * {@code java -Xmx1g ... org.neo4j.cli.AdminTool ARGS} on this JVM's class path; from the runnable Spring Boot jar
     * (one jar holding {@code BOOT-INF/lib}) through its {@code PropertiesLauncher} with {@code loader.main}, which
     * puts the jar's nested libraries on the class path.
     */
    static List<String> ownProcessCommand(List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:+UseG1GC", "-cp", classPath));
        if (bootJar(classPath)) {
            command.add("-Dloader.main=" + AdminTool.class.getName());
            command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            command.add(AdminTool.class.getName());
        }
        command.addAll(args);
        return command;
    }

    private static boolean bootJar(String classPath) throws IOException {
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(classPath)) {
            java.util.jar.Manifest manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Spring-Boot-Lib") != null;
        }
    }

    /** One file per label: the key column is the ID of the label's id space, then every property, then {@code h}. */
    private static long writeNodes(Path file, String label, RowList rows) throws IOException {
        Map<String, Object> first = rows.get(0);
        String key = first.containsKey("id") ? "id" : switch (label) {
            case "Jurisdiction" -> "code";
            case "Operator" -> "name";
            case "Flag" -> "id";
            default -> "key";
        };
        String rowKey = first.containsKey("id") ? "id" : "key";
        boolean nested = first.containsKey("props");
        TreeSet<String> columns = new TreeSet<>(nested ? rows.propColumns() : rows.columns());
        columns.removeAll(List.of("id", "key", "h", "props"));
        List<String> header = new ArrayList<>();
        header.add(key + ":ID(" + label + ")");
        columns.forEach(c -> header.add(c + type(c)));
        header.add("h");
        write(file, header, rows, r -> {
            Map<String, Object> values = nested ? props(r) : r;
            List<Object> line = new ArrayList<>(columns.size() + 2);
            line.add(r.get(rowKey));
            columns.forEach(c -> line.add(value(values.get(c))));
            line.add(r.get("h"));
            return line;
        });
        return rows.size();
    }

    private static long writeRels(Path file, List<String> ends, RowList rows) throws IOException {
        TreeSet<String> columns = new TreeSet<>(rows.propColumns());
        columns.removeAll(List.of("key", "h"));
        List<String> header = new ArrayList<>(List.of(":START_ID(" + ends.get(0) + ")", ":END_ID(" + ends.get(2) + ")",
                "key", "h"));
        columns.forEach(c -> header.add(c + type(c)));
        write(file, header, rows, r -> {
            List<Object> line = new ArrayList<>(columns.size() + 4);
            line.addAll(List.of(r.get("from"), r.get("to"), r.get("key"), r.get("h")));
            Map<String, Object> props = props(r);
            columns.forEach(c -> line.add(value(props.get(c))));
            return line;
        });
        return rows.size();
    }

    /**
     * Rows formatted together, on every core; a group of chunks is written in order before the next is formatted.
     * Small enough that a chunk's text (a few hundred bytes a line) stays well under half a G1 region (1 MB regions
     * at the default 3 GiB heap): a larger object is "humongous", and each such allocation may start a concurrent
     * marking of the whole heap. With 4,096 rows a chunk (a 1 MB buffer and its 1 MB string) the 3.4 M first load's
     * CSV part started 547 marking cycles in 103 s (by {@code -Xlog:gc}) and took 1.6 times as long as with a 12 GiB
     * heap, whose 4 MB regions took those buffers as ordinary objects.
     */
    private static final int CHUNK = 512;

    /**
     * Writes the header and one line a row, in the rows' order. Each row's map is made from its item in
     * {@code resolved.json} ({@link RowList#get}); the chunks of a group are made and formatted on every core, so the
     * file costs one read of the rows (the header's columns come with the rows, {@link RowList#columns}).
     */
    private static void write(Path file, List<String> header, RowList rows,
                              Function<Map<String, Object>, List<Object>> line) throws IOException {
        int chunks = (rows.size() + CHUNK - 1) / CHUNK;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            LINES.printRecord(out, header.toArray());
            InOrder.each(chunks, Math.max(1, Runtime.getRuntime().availableProcessors() * 4),
                    c -> List.of(lines(rows, c * CHUNK, Math.min(rows.size(), (c + 1) * CHUNK), line)), (String text) -> {
                        try {
                            out.write(text);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String lines(RowList rows, int from, int to, Function<Map<String, Object>, List<Object>> line) {
        StringBuilder text = new StringBuilder((to - from) * 192);
        try (CSVPrinter printer = new CSVPrinter(text, LINES)) {
            for (int i = from; i < to; i++) {
                printer.printRecord(line.apply(rows.get(i)));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringBuilder does not fail
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> row) {
        Object p = row.get("props");
        return p instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The importer's column types for the properties that are not strings. */
    private static String type(String column) {
        return switch (column) {
            case "names", "sources" -> ":string[]";
            case "records", "count" -> ":long";
            case "share" -> ":double";
            default -> "";
        };
    }

    /** Absent values stay empty (no property); lists are joined with the array delimiter. */
    private static Object value(Object v) {
        if (v instanceof Collection<?> c) {
            return c.isEmpty() ? null : String.join(ARRAY_DELIMITER, c.stream().map(String::valueOf).toList());
        }
        return v;
    }

    /** RFC 4180, absent values empty, every value but numbers quoted. */
    private static final CSVFormat LINES = CSVFormat.RFC4180.builder().setNullString("")
            .setQuoteMode(org.apache.commons.csv.QuoteMode.NON_NUMERIC).get();

}
