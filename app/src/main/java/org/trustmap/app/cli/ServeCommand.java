package org.trustmap.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.trustmap.app.Workspace;
import org.trustmap.graph.Neo4jConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trustmap serve}: keeps the embedded database open for Neo4j Browser, cypher-shell or any Bolt client. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Keep the embedded Neo4j open on 127.0.0.1 for Bolt clients until interrupted (Ctrl-C).")
public class ServeCommand implements Callable<Integer> {
    static final int DEFAULT_BOLT_PORT = 7687;

    @Mixin
    HomeOptions home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (home.neo4jUri != null) {
            throw new BadInputException("serve opens the embedded database; it makes no sense with --neo4j-uri");
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (Workspace workspace = home.workspace(DEFAULT_BOLT_PORT)) {
            Neo4jConnection neo4j = workspace.neo4j();
            var out = spec.commandLine().getOut();
            out.println("trustmap: serving " + workspace.home().resolve("neo4j") + " at " + neo4j.uri()
                    + " (no authentication, loopback only); Ctrl-C to stop");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return TrustmapCommand.OK;
    }
}
