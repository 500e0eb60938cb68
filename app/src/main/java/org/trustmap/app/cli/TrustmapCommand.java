package org.trustmap.app.cli;

import java.io.PrintWriter;

import org.trustmap.graph.EmbeddedNeo4jException;
import org.trustmap.graph.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code trustmap}: the top command. Exit codes: 0 success, 1 the job failed, 2 bad usage or bad input. */
@Command(name = "trustmap", mixinStandardHelpOptions = true, version = "trustmap 0.1.0",
        description = "Which deployed products depend on organizations in a jurisdiction of concern, by which route, on what evidence.",
        subcommands = {DemoCommand.class, RefreshCommand.class, ExposureCommand.class, QueryCommand.class,
                ReportCommand.class, DiffCommand.class, ServeCommand.class, ExplainEntityCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public class TrustmapCommand {
    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int BAD_INPUT = 2;

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs a command with its output and errors going to the given writers (tests, embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TrustmapCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof BadInputException || e instanceof Profile.ProfileException
                    || e instanceof IllegalArgumentException) {
                err.println("trustmap: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof EmbeddedNeo4jException) {
                err.println("trustmap: " + e.getMessage());
                return JOB_FAILED;
            }
            err.println("trustmap: failed: " + e);
            if (OutOfHeap.explains(e)) {
                err.println(OutOfHeap.advice());
            }
            if (System.getenv("TRUSTMAP_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return JOB_FAILED;
        });
        return cl;
    }
}
