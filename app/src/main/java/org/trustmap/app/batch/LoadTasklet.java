package org.trustmap.app.batch;

import java.nio.file.Path;

import org.springframework.batch.core.step.StepContribution;
import org.trustmap.app.Workspace;
import org.trustmap.graph.GraphLoader;
import org.trustmap.graph.GraphLoader.LoadResult;
import org.trustmap.graph.Neo4jConnection;
import org.trustmap.graph.ResolvedGraph;

/** Step 4: writes the resolved graph to Neo4j over Bolt and retires facts no source states any more. */
final class LoadTasklet extends RefreshTasklet {
    LoadTasklet(Workspace workspace) {
        super(workspace);
    }

    @Override
    void run(RefreshRequest request, String runId, Path runDir, StepContribution contribution) throws Exception {
        ResolvedGraph graph = RunFiles.read(runDir.resolve("resolved.json"), ResolvedGraph.class);
        Neo4jConnection neo4j = workspace.neo4j();
        LoadResult result = new GraphLoader(neo4j.driver(), neo4j.database()).load(graph);
        RunFiles.write(runDir.resolve("load.json"), result);
        contribution.incrementWriteCount(result.facts());
        LOG.info("load: {} organizations, {} products, {} facts into {}; {} retired", result.organizations(),
                result.products(), result.facts(), neo4j.uri(), result.retired());
    }
}
