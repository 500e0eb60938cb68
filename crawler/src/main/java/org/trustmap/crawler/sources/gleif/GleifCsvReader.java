package org.trustmap.crawler.sources.gleif;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Streams a GLEIF golden-copy CSV file row by row (commons-csv); problems are located as {@code line N}. */
final class GleifCsvReader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .get();

    private GleifCsvReader() {
    }

    static void read(Reader in, GleifStager stager) throws IOException {
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw GleifParser.unreadable(stager.context(), "CSV header cannot be read: " + e.getMessage(), e);
        }
        try (parser) {
            CsvColumns columns = new CsvColumns(parser.getHeaderMap());
            rows(parser, parser.getHeaderNames().size(), mapperFor(columns, stager), stager);
        }
    }

    private static Function<CSVRecord, GleifRecord> mapperFor(CsvColumns columns, GleifStager stager) {
        if (columns.has("Relationship.StartNode.NodeID")) {
            return CsvMappers.forRelationship(columns);
        }
        if (columns.has("LEI") && columns.firstOf("Exception.Category", "ExceptionCategory") != null) {
            return CsvMappers.forException(columns);
        }
        if (columns.has("LEI") && columns.has("Entity.LegalName")) {
            return CsvMappers.forLei(columns);
        }
        throw GleifParser.unreadable(stager.context(), "not a GLEIF golden-copy CSV (the header names neither "
                + "LEI and Entity.LegalName, nor Relationship.StartNode.NodeID, nor LEI and Exception.Category)", null);
    }

    private static void rows(CSVParser parser, int width, Function<CSVRecord, GleifRecord> mapper,
                             GleifStager stager) {
        Iterator<CSVRecord> it = parser.iterator();
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord row;
            try {
                if (!it.hasNext()) {
                    return;
                }
                row = it.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                stager.reject("line " + line, "CSV cannot be read from here on (" + e.getMessage() + ")");
                return;
            }
            if (row.size() != width) {
                stager.reject("line " + line, "row has " + row.size() + " fields, the header has " + width);
                continue;
            }
            stager.stage("line " + line, () -> mapper.apply(row));
        }
    }
}
