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

    /**
     * As {@link #read}, with repeated string values kept once ({@link SharedStrings}): {@code resolved.json} states
     * each source, date, capture id, jurisdiction code and an organization's evidence on many facts, and a plain read
     * gives every one its own string (at 200k entities ~6 M strings for the facts' provenance alone).
     */
    static <T> T readShared(Path file, Class<T> type) throws IOException {
        return JSON.copy().registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("shared-strings")
                .addDeserializer(String.class, new SharedStrings())).readValue(file.toFile(), type);
    }

    /**
     * Strings read through a small direct-mapped cache (65,536 slots by hash): a value equal to the one in its slot is
     * given that one, so values that come again soon (a record's provenance on its three jurisdiction facts) or often
     * (a source name, a date) are held once; a bounded cache, not an intern pool.
     */
    static final class SharedStrings extends com.fasterxml.jackson.databind.deser.std.StringDeserializer {
        private static final int SLOTS = 1 << 16;
        private final String[] slots = new String[SLOTS];

        @Override
        public String deserialize(com.fasterxml.jackson.core.JsonParser p,
                                  com.fasterxml.jackson.databind.DeserializationContext ctxt) throws IOException {
            return shared(super.deserialize(p, ctxt));
        }

        String shared(String s) {
            if (s == null) {
                return null;
            }
            int h = s.hashCode();
            int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
            String held = slots[slot];
            if (s.equals(held)) {
                return held;
            }
            slots[slot] = s;
            return s;
        }
    }
}
