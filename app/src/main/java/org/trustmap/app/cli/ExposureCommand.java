package org.trustmap.app.cli;

import java.util.Optional;
import java.util.concurrent.Callable;

import org.trustmap.app.Workspace;
import org.trustmap.queries.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trustmap exposure}: verdicts with paths and evidence, per deployed product. */
@Command(name = "exposure", mixinStandardHelpOptions = true, description = "Print verdicts with their paths and evidence.")
public class ExposureCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Spec
    CommandSpec spec;

    @Option(names = "--product", paramLabel = "ID", description = "Only this product id.")
    String product;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        OutputFormat f = OutputFormat.parse(format);
        try (Workspace workspace = home.workspace(0)) {
            return ExposurePrinter.print(workspace, Optional.ofNullable(product), f, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }
}
