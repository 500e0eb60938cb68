package org.trustmap.crawler;

import java.util.Objects;

/**
 * Everything a parser needs besides the bytes: which capture it reads and what to do with bad records.
 *
 * @param capture the archived document being parsed
 * @param errors  the error policy
 */
public record ParseContext(Capture capture, ErrorPolicy errors) {
    public ParseContext {
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(errors, "errors");
    }

    /** A short name of the document for messages: the file name or the URL. */
    public String document() {
        String uri = capture.targetUri();
        if (uri.startsWith("file:")) {
            int slash = uri.lastIndexOf('/');
            return slash >= 0 ? uri.substring(slash + 1) : uri;
        }
        return uri;
    }

    public void reject(String location, String reason) {
        errors.reject(new ParseProblem(capture.sourceId(), document(), location, reason));
    }
}
