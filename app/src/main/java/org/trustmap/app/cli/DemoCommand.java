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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code trustmap demo}: a full refresh on the bundled snapshot under {@code data/demo/} (real public records and
 * curated facts citing public evidence), then the exposure table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Full refresh on the bundled demo snapshot (data/demo), then print the verdicts.")
public class DemoCommand implements Callable<Integer> {
    /** Demo inputs: source id -> path under data/demo. */
    static final List<String[]> INPUTS = List.of(
            new String[] {"gleif", "snapshot/gleif"},
            new String[] {"curated", "curated-facts.csv"},
            new String[] {"inventory", "inventory.csv"});

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
        List<RefreshRequest.Input> inputs = new ArrayList<>();
        for (String[] input : INPUTS) {
            inputs.add(new RefreshRequest.Input(input[0], demo.resolve(input[1]).toAbsolutePath().normalize().toString()));
        }
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
        }
        out.println();
        out.println("Next: trustmap exposure --format json | trustmap query | trustmap query exposed-products"
                + " | trustmap serve (Bolt for Neo4j Browser / cypher-shell)");
        out.flush();
        return code;
    }
}
