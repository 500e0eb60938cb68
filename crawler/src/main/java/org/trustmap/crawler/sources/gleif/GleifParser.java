package org.trustmap.crawler.sources.gleif;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.sources.ZipDocuments;

/**
 * Parses any GLEIF document into staging records: LEI-CDF, RR-CDF and reporting-exception XML golden copies, the
 * LEI2 / RR / Repex golden-copy CSV files and GLEIF API v1 JSON. The format is recognized from the first bytes
 * (and the XML root element or the CSV header), not from the file name or the content type. XML and CSV are
 * streamed record by record, so memory stays bounded whatever the size of the file. A zipped golden copy is read
 * file by file through {@link ZipDocuments} (streamed, bomb ratio capped).
 */
public final class GleifParser implements SourceParser {
    private static final int SNIFF_BYTES = 4096;

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        stage(body, context, sink);
    }

    /** Parses like {@link #parse} and tells what the document gave. */
    public GleifSummary stage(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        GleifStager stager = new GleifStager(context, sink);
        ZipDocuments.read(body, context, (in, entry) -> readDocument(in, context, stager));
        return stager.summary();
    }

    private static void readDocument(BufferedInputStream in, ParseContext context, GleifStager stager)
            throws IOException {
        switch (firstSignificantByte(in)) {
            case -1 -> throw unreadable(context, "the document is empty", null);
            case '<' -> readXml(in, stager);
            case '{', '[' -> GleifJsonReader.read(in, stager);
            default -> GleifCsvReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), stager);
        }
    }

    /** A document that cannot be parsed at all, named by its file name or URL. */
    static SourceParseException unreadable(ParseContext context, String reason, Throwable cause) {
        ParseProblem problem = new ParseProblem(context.capture().sourceId(), context.document(), "", reason);
        return cause == null ? new SourceParseException(problem) : new SourceParseException(problem, cause);
    }

    /** Skips a UTF-8 byte order mark and leaves the stream there; returns the first non-whitespace byte or -1. */
    private static int firstSignificantByte(BufferedInputStream in) throws IOException {
        in.mark(3);
        if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) {
            in.reset();
        }
        in.mark(SNIFF_BYTES);
        try {
            for (int i = 0; i < SNIFF_BYTES; i++) {
                int b = in.read();
                if (b == -1 || !Character.isWhitespace(b)) {
                    return b;
                }
            }
            return 0;
        } finally {
            in.reset();
        }
    }

    private static void readXml(InputStream in, GleifStager stager) {
        ParseContext context = stager.context();
        XMLStreamReader reader;
        try {
            reader = xmlFactory().createXMLStreamReader(in);
            while (reader.next() != XMLStreamConstants.START_ELEMENT) {
                // prolog: declaration, comments, processing instructions
            }
        } catch (XMLStreamException e) {
            throw unreadable(context, "not XML: " + e.getMessage(), e);
        }
        String root = reader.getLocalName();
        GleifXmlReader.Kind kind = GleifXmlReader.Kind.ofRoot(root);
        if (kind == null) {
            throw unreadable(context, "root element <" + root + "> is not LEIData, RelationshipData "
                    + "or ReportingExceptionData", null);
        }
        try {
            GleifXmlReader.read(reader, kind, stager);
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // nothing held besides the stream, which the caller closes
            }
        }
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
