package org.trustmap.crawler;

/**
 * A record a parser could not accept: where it is and why.
 *
 * @param source   source id
 * @param document file name or URL of the document
 * @param location line, record number or identifier inside the document
 * @param reason   what was wrong, in words a user can act on
 */
public record ParseProblem(String source, String document, String location, String reason) {
    @Override
    public String toString() {
        return document + (location == null || location.isEmpty() ? "" : " " + location) + ": " + reason
                + " [" + source + "]";
    }
}
