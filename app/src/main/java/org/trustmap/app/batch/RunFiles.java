package org.trustmap.app.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Files a step hands to the next in the run folder, written atomically (temp file + rename). */
final class RunFiles {
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private RunFiles() {
    }

    /** Written without indentation: large hand-over files nobody reads by eye ({@code resolved.json}). */
    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT = JSON.writer()
            .without(SerializationFeature.INDENT_OUTPUT);

    static void write(Path file, Object value) throws IOException {
        write(file, value, JSON.writer());
    }

    /**
     * As {@link #write}, without indentation: {@code resolved.json} at 200k entities was 636 MB indented, most of it
     * spaces, written by resolve and read back by load in every run.
     */
    static void writeCompact(Path file, Object value) throws IOException {
        write(file, value, COMPACT);
    }

    private static void write(Path file, Object value, com.fasterxml.jackson.databind.ObjectWriter writer)
            throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        writer.writeValue(tmp.toFile(), value);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static <T> T read(Path file, Class<T> type) throws IOException {
        return JSON.readValue(file.toFile(), type);
    }
}
