package org.trustmap.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import org.trustmap.app.Workspace;
import org.trustmap.graph.Neo4jConnection;
import org.trustmap.queries.ExposureEntry;
import org.trustmap.queries.ExposureReport;
import org.trustmap.queries.ExposureWriter;
import org.trustmap.queries.OutputFormat;

/** Prints the exposure report of the graph a workspace opens. */
final class ExposurePrinter {
    private ExposurePrinter() {
    }

    static int print(Workspace workspace, Optional<String> product, OutputFormat format, PrintWriter out,
                     PrintWriter err) {
        Neo4jConnection neo4j = workspace.neo4j();
        List<ExposureEntry> entries = new ExposureReport(neo4j.database()).read(neo4j.driver(), product);
        if (product.isPresent() && entries.isEmpty()) {
            err.println("trustmap: no deployed product with id '" + product.get() + "'");
            err.flush();
            return TrustmapCommand.BAD_INPUT;
        }
        ExposureWriter.write(entries, format, out);
        out.flush();
        return TrustmapCommand.OK;
    }
}
