package org.trustmap.crawler.sources.gleif;

import java.util.function.Function;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a GLEIF golden-copy XML document record by record (StAX): only the record being read is in memory.
 * Once the XML stops being well-formed the rest of the document cannot be read; that is reported as one problem
 * at the record where it happened, and the records before it stay staged.
 */
final class GleifXmlReader {

    /** The three GLEIF XML formats by root element local name. */
    enum Kind {
        LEI("LEIData", "LEIRecord", XmlMappers::lei),
        RR("RelationshipData", "RelationshipRecord", XmlMappers::relationship),
        REPEX("ReportingExceptionData", "Exception", XmlMappers::exception);

        final String root;
        final String record;
        final Function<XmlElement, ? extends GleifRecord> mapper;

        Kind(String root, String record, Function<XmlElement, ? extends GleifRecord> mapper) {
            this.root = root;
            this.record = record;
            this.mapper = mapper;
        }

        static Kind ofRoot(String localName) {
            for (Kind kind : values()) {
                if (kind.root.equals(localName)) {
                    return kind;
                }
            }
            return null;
        }
    }

    private GleifXmlReader() {
    }

    /** Reads below the root element the reader is on. */
    static void read(XMLStreamReader reader, Kind kind, GleifStager stager) {
        long records = 0;
        boolean inRecord = false;
        try {
            int depth = 1;
            while (depth > 0) {
                int event = reader.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    String local = reader.getLocalName();
                    if (depth == 1 && local.endsWith("Header")) {
                        header(XmlElement.read(reader), stager);
                    } else if (local.equals(kind.record)) {
                        records++;
                        inRecord = true;
                        XmlElement record = XmlElement.read(reader);
                        inRecord = false;
                        stager.stage("record " + records, () -> kind.mapper.apply(record));
                    } else {
                        depth++;
                    }
                }
            }
        } catch (XMLStreamException e) {
            String where = inRecord ? "record " + records : "after record " + records;
            int line = e.getLocation() != null ? e.getLocation().getLineNumber() : -1;
            stager.reject(where, "XML is not well-formed" + (line > 0 ? " at line " + line : "") + " ("
                    + firstLine(e.getMessage()) + "); the rest of the document was not read");
        }
    }

    private static void header(XmlElement header, GleifStager stager) {
        try {
            stager.documentDate(GleifValues.date(header.text("ContentDate"), "ContentDate"));
        } catch (BadRecord e) {
            stager.reject("header", e.getMessage());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String m = message.strip();
        int msg = m.indexOf("Message: ");
        if (msg >= 0) {
            m = m.substring(msg + "Message: ".length());
        }
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
