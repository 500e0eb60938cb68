package org.trustmap.crawler;

import java.util.List;

/**
 * What staging one capture did.
 *
 * @param capture  the capture staged
 * @param graph    the named graph written
 * @param records  records accepted into the graph
 * @param problems records rejected by the parser or by the SHACL shapes, each with its location and reason
 * @param skipped  true when the same capture was already staged and left as it was
 */
public record StageResult(Capture capture, String graph, long records, List<ParseProblem> problems, boolean skipped) {
    public StageResult {
        problems = List.copyOf(problems);
    }
}
