package org.trustmap.app.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.trustmap.queries.RunDiff;
import org.trustmap.queries.RunVerdict;

/**
 * The completed refresh runs of a home folder, read back from {@code runs/run-NNNN/}: a run is completed when the
 * report step left both {@code verdicts.json} and {@code summary.json} (written in that order, each atomically).
 */
public final class RunHistory {
    private static final Pattern RUN = Pattern.compile("run-(\\d+)");

    private RunHistory() {
    }

    /** The completed runs under {@code home/runs}, oldest first (by run number). */
    public static List<RunDiff.Run> completed(Path home) throws IOException {
        Path runs = home.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<Path> folders;
        try (var list = Files.list(runs)) {
            folders = list.filter(f -> RUN.matcher(f.getFileName().toString()).matches())
                    .filter(f -> Files.isRegularFile(f.resolve("summary.json"))
                            && Files.isRegularFile(f.resolve("verdicts.json")))
                    .sorted(Comparator.comparingLong(RunHistory::number)).toList();
        }
        List<RunDiff.Run> completed = new ArrayList<>();
        for (Path folder : folders) {
            Path file = folder.resolve("summary.json");
            JsonNode summary = read(file);
            completed.add(new RunDiff.Run(folder.getFileName().toString(), text(summary, "profile"),
                    text(summary, "profileHash"), text(summary, "finishedAt")));
        }
        return List.copyOf(completed);
    }

    /**
     * The verdicts a completed run kept.
     *
     * @throws IllegalArgumentException naming the file and the entry when it is not a verdicts file
     */
    public static List<RunVerdict> verdicts(Path home, String runId) throws IOException {
        Path file = home.resolve("runs").resolve(runId).resolve("verdicts.json");
        JsonNode root = read(file);
        if (!root.isArray()) {
            throw new IllegalArgumentException(file + ": not a JSON array of verdicts");
        }
        List<RunVerdict> verdicts = new ArrayList<>();
        int i = 0;
        for (JsonNode v : root) {
            i++;
            String product = text(v, "product");
            if (product == null || text(v, "verdict") == null) {
                throw new IllegalArgumentException(file + " entry " + i + ": product and verdict are required");
            }
            verdicts.add(new RunVerdict(product, text(v, "name"), text(v, "verdict"), list(v, "routes"),
                    list(v, "jurisdictions"), list(v, "gaps"), list(v, "flags")));
        }
        return List.copyOf(verdicts);
    }

    private static long number(Path folder) {
        Matcher m = RUN.matcher(folder.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    private static JsonNode read(Path file) throws IOException {
        try {
            return RunFiles.JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> list(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }
}
