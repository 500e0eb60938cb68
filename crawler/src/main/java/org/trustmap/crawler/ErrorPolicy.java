package org.trustmap.crawler;

import java.util.ArrayList;
import java.util.List;

/**
 * What a parser does with a bad record (the Jena RIOT {@code ErrorHandler} idea): parsers report every bad record
 * here instead of logging; the policy decides whether the document goes on.
 */
public interface ErrorPolicy {
    /** Reports a bad record. Throws {@link SourceParseException} when the policy stops the document. */
    void reject(ParseProblem problem);

    /** Skips bad records and keeps them for the run summary. */
    static Collecting collecting() {
        return new Collecting();
    }

    /** Stops at the first bad record. */
    static ErrorPolicy strict() {
        return problem -> {
            throw new SourceParseException(problem);
        };
    }

    /** Collects problems and goes on. */
    final class Collecting implements ErrorPolicy {
        private final List<ParseProblem> problems = new ArrayList<>();

        @Override
        public void reject(ParseProblem problem) {
            problems.add(problem);
        }

        public List<ParseProblem> problems() {
            return List.copyOf(problems);
        }
    }
}
