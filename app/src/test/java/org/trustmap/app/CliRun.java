package org.trustmap.app;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.trustmap.app.cli.TrustmapCommand;

/** One run of the {@code trustmap} command line in this JVM, with what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TrustmapCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
    }
}
