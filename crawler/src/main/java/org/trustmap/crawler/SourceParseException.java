package org.trustmap.crawler;

/** A document that cannot be parsed at all, or a record under a strict policy; names where and why. */
public class SourceParseException extends RuntimeException {
    private final transient ParseProblem problem;

    public SourceParseException(ParseProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public SourceParseException(ParseProblem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problem = problem;
    }

    public ParseProblem problem() {
        return problem;
    }
}
