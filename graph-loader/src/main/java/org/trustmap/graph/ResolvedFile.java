package org.trustmap.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.trustmap.graph.ResolvedGraph.Section;

/**
 * A {@code resolved.json} read as a stream, each item handed over with its place in the file (byte offset and
 * length), and any item read again later from its place: the load keeps the places, not the items. Reads of items
 * that lie close together (a batch of rows, the CSV files of a first load) come from one 64 KB window read per
 * thread, not one file read each.
 */
final class ResolvedFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WINDOW = 1 << 16;
    private static final Map<String, Class<?>> TYPES = Map.of(
            Section.ORGANIZATIONS.field(), ResolvedGraph.Org.class,
            Section.PRODUCTS.field(), ResolvedGraph.Product.class,
            Section.DEPLOYMENTS.field(), ResolvedGraph.Deployment.class,
            Section.EDGES.field(), ResolvedGraph.Edge.class,
            Section.BASED_IN.field(), ResolvedGraph.BasedIn.class,
            Section.EXCEPTIONS.field(), ResolvedGraph.ExceptionFact.class,
            Section.FLAGS.field(), ResolvedGraph.FlagFact.class,
            Section.MERGES.field(), ResolvedGraph.Merge.class);

    private final Path file;
    private final ThreadLocal<Window> windows = ThreadLocal.withInitial(Window::new);

    ResolvedFile(Path file) {
        this.file = file;
    }

    /** What {@link #stream} hands over: an item of a section, where it starts in the file and its length in bytes. */
    interface Handler {
        void item(Section section, Object item, long start, int length);
    }

    /**
     * Reads the file's sections in the order they come, handing over each item of the sections {@code wanted};
     * the other sections are skipped without being mapped.
     */
    void stream(Set<Section> wanted, Handler handler) throws IOException {
        try (JsonParser p = JSON.createParser(file.toFile())) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "the resolved graph's object");
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                expect(p, t, JsonToken.FIELD_NAME, "a section name");
                String field = p.currentName();
                Class<?> type = TYPES.get(field);
                if (type == null) {
                    throw error(p, "unknown section '" + field + "'");
                }
                Section section = Arrays.stream(Section.values()).filter(s -> s.field().equals(field)).findFirst()
                        .orElseThrow();
                JsonToken list = p.nextToken();
                if (list == JsonToken.VALUE_NULL) {
                    continue;
                }
                expect(p, list, JsonToken.START_ARRAY, "the list of " + field);
                if (!wanted.contains(section)) {
                    p.skipChildren();
                    continue;
                }
                for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                    expect(p, item, JsonToken.START_OBJECT, "an item of " + field);
                    long start = p.currentTokenLocation().getByteOffset();
                    Object value = JSON.readValue(p, type);
                    long end = p.currentLocation().getByteOffset();
                    handler.item(section, value, start, Math.toIntExact(end - start));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not a resolved graph: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset()), e);
        }
    }

    private void expect(JsonParser p, JsonToken found, JsonToken expected, String what) throws IOException {
        if (found != expected) {
            throw error(p, "expected " + what + ", found " + (found == null ? "the end of the file" : found));
        }
    }

    private IOException error(JsonParser p, String reason) {
        return new IOException(file + ": not a resolved graph: " + reason + " at byte "
                + p.currentTokenLocation().getByteOffset());
    }

    /** The item of {@code type} that {@link #stream} found at {@code start}, {@code length} bytes long. */
    <T> T read(Class<T> type, long start, int length) {
        Window w = windows.get();
        try {
            if (start < w.start || start + length > w.start + w.length) {
                w.fill(file, start, length);
            }
            return JSON.readValue(w.bytes, (int) (start - w.start), length, type);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": the item at byte " + start + " (" + length + " bytes) could not"
                    + " be read again: " + e.getMessage(), e);
        }
    }

    /** The bytes of the file from {@code start}, at least {@code length} of them. */
    private static final class Window {
        private byte[] bytes = new byte[0];
        private long start = -1;
        private int length;

        void fill(Path file, long from, int needed) throws IOException {
            int size = Math.max(WINDOW, needed);
            if (bytes.length < size) {
                bytes = new byte[size];
            }
            start = -1; // a failed read leaves no window behind
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, size);
                long position = from;
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position);
                    if (n < 0) {
                        break;
                    }
                    position += n;
                }
                if (buffer.position() < needed) {
                    throw new IOException("the file ends at byte " + position);
                }
                length = buffer.position();
            }
            start = from;
        }
    }

    /** The places of one list's items, in the order they were found, and the items' type. */
    static final class Places {
        private final Class<?> type;
        private long[] starts = new long[16];
        private int[] lengths = new int[16];
        private int size;

        Places(Class<?> type) {
            this.type = type;
        }

        void add(long start, int length) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, Math.multiplyExact(size, 2));
                lengths = Arrays.copyOf(lengths, size * 2);
            }
            starts[size] = start;
            lengths[size] = length;
            size++;
        }

        /** Item {@code i} read again from {@code file}. */
        Object read(ResolvedFile file, int i) {
            return file.read(type, starts[java.util.Objects.checkIndex(i, size)], lengths[i]);
        }
    }
}
