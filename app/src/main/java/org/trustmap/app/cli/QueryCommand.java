package org.trustmap.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.trustmap.app.Workspace;
import org.trustmap.graph.Neo4jConnection;
import org.trustmap.queries.NamedQuery;
import org.trustmap.queries.OutputFormat;
import org.trustmap.queries.QueryCatalog;
import org.trustmap.queries.QueryResult;
import org.trustmap.queries.QueryRunner;
import org.trustmap.queries.ResultWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trustmap query NAME|--cypher TEXT}: a catalog query or any read-only Cypher, for analysts. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run a named query from the catalog or any Cypher (read transaction). Without arguments: list the catalog.")
public class QueryCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    What what;

    static class What {
        @Parameters(paramLabel = "NAME", description = "A catalog query name.")
        String name;

        @Option(names = "--cypher", paramLabel = "TEXT", description = "Cypher text.")
        String cypher;
    }

    @Option(names = "--param", paramLabel = "K=V", description = "Query parameter (repeatable).")
    List<String> params = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        QueryCatalog catalog = QueryCatalog.load();
        if (what == null) {
            for (NamedQuery q : catalog.list()) {
                out.printf("%-28s %s%s%n", q.name(), q.description(),
                        q.params().isEmpty() ? "" : " (params: " + String.join(", ", q.params()) + ")");
            }
            out.flush();
            return TrustmapCommand.OK;
        }
        OutputFormat f = OutputFormat.parse(format);
        Map<String, Object> parameters = QueryRunner.parseParams(params);
        String cypher;
        if (what.cypher != null) {
            cypher = what.cypher;
        } else {
            NamedQuery q = catalog.find(what.name).orElseThrow(() -> new BadInputException("no query named '"
                    + what.name + "'; run `trustmap query` to list them"));
            List<String> missing = q.missing(parameters);
            if (!missing.isEmpty()) {
                throw new BadInputException("query " + q.name() + " needs --param " + String.join("=... --param ", missing) + "=...");
            }
            cypher = q.cypher();
        }
        try (Workspace workspace = home.workspace(0)) {
            Neo4jConnection neo4j = workspace.neo4j();
            QueryResult result;
            try {
                result = new QueryRunner(neo4j.database()).run(neo4j.driver(), cypher, parameters);
            } catch (org.neo4j.driver.exceptions.ClientException e) {
                throw new BadInputException("Cypher rejected: " + e.getMessage());
            }
            ResultWriter.write(result, f, out);
            out.flush();
        }
        return TrustmapCommand.OK;
    }
}
