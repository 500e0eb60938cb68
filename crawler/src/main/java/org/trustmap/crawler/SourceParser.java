package org.trustmap.crawler;

import java.io.IOException;
import java.io.InputStream;

/**
 * Parses one document into staging statements. Parsers never fetch: they get the bytes and the capture and stream
 * records into a {@link RecordSink} (Jena's {@code StreamRDF} idea).
 */
@FunctionalInterface
public interface SourceParser {
    void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException;
}
