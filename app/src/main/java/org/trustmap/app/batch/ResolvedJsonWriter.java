package org.trustmap.app.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.trustmap.graph.ResolvedGraph;
import org.trustmap.graph.ResolvedGraph.Section;

/**
 * Writes {@code resolved.json} as resolution hands the graph over, item by item, so that resolve never holds the
 * resolved graph besides the staged records (at 200k entities the finished graph was ~230 MB more live heap at the
 * end of resolve). The file is the one Jackson writes for the whole graph without indentation, byte for byte; it is
 * written under a temporary name and renamed when complete.
 */
final class ResolvedJsonWriter implements ResolvedGraph.Sink, AutoCloseable {
    private static final ObjectWriter ITEM = RunFiles.JSON.writer()
            .without(SerializationFeature.INDENT_OUTPUT).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private final Path file;
    private final Path tmp;
    private final JsonGenerator out;
    /** Items written per section, by ordinal. */
    private final long[] counts = new long[Section.values().length];
    private Section current;
    private boolean done;

    ResolvedJsonWriter(Path file) throws IOException {
        this.file = file;
        this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
        this.out = RunFiles.JSON.getFactory().createGenerator(tmp.toFile(), JsonEncoding.UTF8);
        out.writeStartObject();
    }

    /** Items written to a section so far. */
    long count(Section section) {
        return counts[section.ordinal()];
    }

    /** Starts {@code section}'s list; a section skipped on the way is written as an empty list. */
    @Override
    public void section(Section section) {
        int from = current == null ? 0 : current.ordinal() + 1;
        if (section.ordinal() < from) {
            throw new IllegalStateException("section " + section + " after " + current);
        }
        try {
            if (current != null) {
                out.writeEndArray();
            }
            for (Section skipped : java.util.List.of(Section.values()).subList(from, section.ordinal())) {
                out.writeFieldName(skipped.field());
                out.writeStartArray();
                out.writeEndArray();
            }
            current = section;
            out.writeFieldName(section.field());
            out.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
    }

    @Override
    public void item(Object value) {
        try {
            ITEM.writeValue(out, value);
            counts[current.ordinal()]++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
    }

    /** Closes the last list and the object and puts the file in place. */
    @Override
    public void end() {
        try {
            // the sections after the last one are written as empty lists
            Section last = Section.values()[Section.values().length - 1];
            if (current != last) {
                section(last);
            }
            out.writeEndArray();
            out.writeEndObject();
            out.close();
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** After a failure: the unfinished file is removed, nothing is renamed. */
    @Override
    public void close() throws IOException {
        if (!done) {
            out.close();
            Files.deleteIfExists(tmp);
        }
    }
}
