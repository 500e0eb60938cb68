package org.trustmap.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.trustmap.app.batch.RunHistory;
import org.trustmap.queries.OutputFormat;
import org.trustmap.queries.RunDiff;
import org.trustmap.queries.RunDiffWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trustmap diff}: what changed between two completed runs' verdicts ({@code runs/run-NNNN/verdicts.json}).
 * Reads the run folders only; the graph is not opened. Exit 0 whether or not anything changed: a nightly job checks
 * {@code .changed} of {@code --format json}.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "What changed between two runs' verdicts (default: the last two completed runs).")
public class DiffCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "RUN", description = "The earlier run (run-0003 or 3; default: the run before --to).")
    String from;

    @Option(names = "--to", paramLabel = "RUN", description = "The later run (default: the last completed run).")
    String to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        OutputFormat f = OutputFormat.parse(format);
        Path homeDir = home.home.toAbsolutePath().normalize();
        List<RunDiff.Run> runs = RunHistory.completed(homeDir);
        RunDiff.Run later = to == null ? last(runs, homeDir) : find(runs, to, "--to", homeDir);
        RunDiff.Run earlier;
        if (from != null) {
            earlier = find(runs, from, "--from", homeDir);
        } else {
            int at = runs.indexOf(later);
            if (at < 1) {
                throw new BadInputException("no completed run before " + later.id() + " to compare with; "
                        + available(runs, homeDir));
            }
            earlier = runs.get(at - 1);
        }
        RunDiff diff = RunDiff.of(earlier, RunHistory.verdicts(homeDir, earlier.id()), later,
                RunHistory.verdicts(homeDir, later.id()));
        var out = spec.commandLine().getOut();
        RunDiffWriter.write(diff, f, out);
        out.flush();
        return TrustmapCommand.OK;
    }

    private static RunDiff.Run last(List<RunDiff.Run> runs, Path home) {
        if (runs.size() < 2) {
            throw new BadInputException("diff needs two completed runs; " + available(runs, home));
        }
        return runs.get(runs.size() - 1);
    }

    /** {@code run-0003}, {@code 3} and {@code 0003} all name run-0003. */
    private static RunDiff.Run find(List<RunDiff.Run> runs, String name, String option, Path home) {
        String wanted = name.strip();
        if (wanted.matches("\\d+")) {
            wanted = "run-%04d".formatted(Long.parseLong(wanted));
        }
        for (RunDiff.Run r : runs) {
            if (r.id().equals(wanted)) {
                return r;
            }
        }
        throw new BadInputException(option + " " + name + ": no completed run " + wanted + "; " + available(runs, home));
    }

    private static String available(List<RunDiff.Run> runs, Path home) {
        return runs.isEmpty() ? "no completed runs under " + home.resolve("runs")
                : "completed runs: " + runs.stream().map(RunDiff.Run::id).collect(Collectors.joining(", "));
    }
}
