package org.trustmap.graph;

/**
 * The embedded Neo4j server could not start (port taken, store locked by another process, bad settings) or failed
 * while running. The message says what happened and what to do; the cause keeps Neo4j's own exception.
 */
public class EmbeddedNeo4jException extends RuntimeException {

    public EmbeddedNeo4jException(String message) {
        super(message);
    }

    public EmbeddedNeo4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
