package org.trustmap.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.trustmap.app.Workspace;
import org.trustmap.app.batch.RefreshRequest;
import org.trustmap.queries.OutputFormat;
import org.trustmap.queries.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code trustmap demo}: a full refresh on the bundled snapshot under {@code data/demo/} (real public records and
 * curated facts citing public evidence), then the exposure table and the sector reports under
 * {@code <home>/reports/<sector>.html}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Full refresh on the bundled demo snapshot (data/demo), then print the verdicts and write the sector reports (<home>/reports/<sector>.html).")
public class DemoCommand implements Callable<Integer> {
    /**
     * Demo inputs: every folder {@code data/demo/snapshot/<source id>/} (real public records, provenance in
     * {@code data/demo/SOURCES.md}), the curated facts and the inventory.
     */
    static List<RefreshRequest.Input> inputs(Path demo) throws java.io.IOException {
        List<RefreshRequest.Input> inputs = new ArrayList<>();
        Path snapshot = demo.resolve("snapshot");
        if (Files.isDirectory(snapshot)) {
            try (var folders = Files.list(snapshot)) {
                for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                    inputs.add(new RefreshRequest.Input(folder.getFileName().toString(),
                            folder.toAbsolutePath().normalize().toString()));
                }
            }
        }
        inputs.add(new RefreshRequest.Input("curated", demo.resolve("curated-facts.csv").toAbsolutePath().normalize().toString()));
        inputs.add(new RefreshRequest.Input("inventory", demo.resolve("inventory.csv").toAbsolutePath().normalize().toString()));
        Path boms = demo.resolve("inventory-boms");
        if (Files.isDirectory(boms)) {
            inputs.add(new RefreshRequest.Input("inventory", boms.toAbsolutePath().normalize().toString()));
        }
        return inputs;
    }

    @Mixin
    HomeOptions home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path demo = home.data.resolve("demo");
        if (!Files.isDirectory(demo)) {
            throw new BadInputException(demo.toAbsolutePath() + ": no demo folder; run from the repository root or pass --data");
        }
        List<RefreshRequest.Input> inputs = inputs(demo);
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        RefreshRequest request = RefreshSupport.request(inputs, null, "nukib-2025-09-03", Map.of(), false);
        int code = RefreshSupport.run(request, home, out, err);
        if (code == TrustmapCommand.JOB_FAILED) {
            return code;
        }
        out.println();
        try (Workspace workspace = home.workspace(0)) {
            ExposurePrinter.print(workspace, Optional.empty(), OutputFormat.TABLE, out, err);
            out.println();
            List<Path> reports = ReportCommand.writeAll(workspace, home.home.toAbsolutePath().normalize()
                    .resolve("reports"), ReportFormat.HTML);
            out.println("Sector reports (HTML, one page each; `trustmap report --sector NAME --format json|csv` for tools):");
            reports.forEach(r -> out.println("  " + r));
        }
        out.println();
        out.println("Next: trustmap exposure --format json | trustmap query | trustmap query exposed-products"
                + " | trustmap diff (after the next refresh) | trustmap serve (Bolt for Neo4j Browser / cypher-shell)");
        out.flush();
        return code;
    }
}
