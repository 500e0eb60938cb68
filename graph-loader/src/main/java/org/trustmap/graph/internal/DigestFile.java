package org.trustmap.graph.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

import org.trustmap.graph.RowList;


/**
 * What the last load left in the graph, kept beside it so that the next load need not read every stored digest back:
 * per node label and relationship type, every key with the 64-bit digest of its {@code h} ({@link StoredDigests}) and
 * the item count Neo4j held after that load. The file is only a cache: the loader trusts it when the stamp it names
 * is the one the graph carries and every count still matches, and reads from Neo4j otherwise.
 *
 * <p>Layout: the sections one after another (entries: a SHA-1 key as -1 and its 20 bytes, any other key as its
 * length, its {@link KeyDigests#digest} and its UTF-8 bytes; then the content digest; after the entries the CRC-32
 * of the section's bytes), then an index (format
 * version, stamp, each section's name, count, offset and entries, then the index's CRC-32), then the index's offset
 * as the last 8 bytes. It is written under a temporary name and renamed into place, so a reader sees a whole file or
 * the previous one; a damaged section fails its CRC and only that section is read from Neo4j.
 */
public final class DigestFile {
    private static final int VERSION = 2;
    private static final int MAGIC = 0x544d4c44; // "TMLD"

    /** One label's or type's part of the file. */
    public record Section(String name, long count, long offset, int entries) {
    }

    private final Path file;
    private final String stamp;
    private final Map<String, Section> sections;

    private DigestFile(Path file, String stamp, Map<String, Section> sections) {
        this.file = file;
        this.stamp = stamp;
        this.sections = sections;
    }

    public Path file() {
        return file;
    }

    /** The stamp of the load that wrote the file. */
    public String stamp() {
        return stamp;
    }

    public Map<String, Section> sections() {
        return sections;
    }

    /**
     * Writes {@code rows} (section name to rows, each section's item count in Neo4j in {@code counts}) under a
     * temporary name, forces it to disk and renames it to {@code file}: each row's key and the digest of its {@code h}.
     */
    public static void write(Path file, String stamp, Map<String, RowList> rows,
                             Map<String, Long> counts) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Map<String, Section> index = new LinkedHashMap<>();
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Counting counting = new Counting(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            DataOutputStream out = new DataOutputStream(counting);
            for (Map.Entry<String, RowList> e : rows.entrySet()) {
                long offset = counting.position;
                counting.crc.reset();
                RowList section = e.getValue();
                for (int i = 0; i < section.size(); i++) {
                    byte[] key = section.keyBytes(i);
                    if (section.sha1Keys()) {
                        out.writeInt(SHA1_KEY);
                        out.write(key);
                    } else {
                        out.writeInt(key.length);
                        out.writeLong(section.keyDigest(i));
                        out.write(key);
                    }
                    out.writeLong(StoredDigests.contentDigest(section.hValue(i)));
                }
                out.writeLong(counting.crc.getValue());
                index.put(e.getKey(), new Section(e.getKey(), counts.getOrDefault(e.getKey(), 0L), offset,
                        e.getValue().size()));
            }
            long indexOffset = counting.position;
            counting.crc.reset();
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(stamp);
            out.writeInt(index.size());
            for (Section s : index.values()) {
                out.writeUTF(s.name());
                out.writeLong(s.count());
                out.writeLong(s.offset());
                out.writeInt(s.entries());
            }
            out.writeLong(counting.crc.getValue());
            out.writeLong(indexOffset);
            out.flush();
            channel.force(true);
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the file's index; an absent, short or damaged file is reported as an {@link IOException}. */
    public static DigestFile open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new IOException(file + ": too short for a digest file (" + size + " bytes)");
            }
            ByteBuffer last = ByteBuffer.allocate(8);
            channel.read(last, size - 8);
            long indexOffset = last.flip().getLong();
            if (indexOffset < 0 || indexOffset > size - 8) {
                throw new IOException(file + ": index offset " + indexOffset + " outside the file");
            }
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(
                    Channels.newInputStream(channel.position(indexOffset))), new CRC32());
            DataInputStream in = new DataInputStream(checked);
            try {
                if (in.readInt() != MAGIC) {
                    throw new IOException(file + ": not a digest file");
                }
                int version = in.readInt();
                if (version != VERSION) {
                    throw new IOException(file + ": digest file version " + version + ", this build reads " + VERSION);
                }
                String stamp = in.readUTF();
                int n = in.readInt();
                Map<String, Section> sections = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Section s = new Section(in.readUTF(), in.readLong(), in.readLong(), in.readInt());
                    sections.put(s.name(), s);
                }
                long crc = checked.getChecksum().getValue();
                if (in.readLong() != crc) {
                    throw new IOException(file + ": the index fails its checksum");
                }
                return new DigestFile(file, stamp, sections);
            } catch (EOFException e) {
                throw new IOException(file + ": the index ends early", e);
            }
        }
    }

    /** A section's entries. */
    public interface EntryConsumer {
        /**
         * One stored row: its key's {@link KeyDigests#digest}, its {@link StoredDigests#contentDigest}, and the key
         * (reused for the next entry: made into a string, {@link Key#text}, only where it is needed).
         */
        void accept(long keyDigest, long contentDigest, Key key);
    }

    /**
     * Streams one section's entries to {@code consumer}; throws when the section is absent, ends early or fails its
     * checksum (the consumer may have seen some entries by then: the caller discards what it gathered).
     */
    public void read(String name, EntryConsumer consumer) throws IOException {
        Section s = sections.get(name);
        if (s == null) {
            throw new IOException(file + ": no section " + name);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SectionBytes in = new SectionBytes(channel, s.offset());
            try {
                Key key = new Key();
                for (int i = 0; i < s.entries(); i++) {
                    int length = in.readInt();
                    long keyDigest;
                    if (length == SHA1_KEY) {
                        in.readFully(key.bytes, 20);
                        key.sha1 = true;
                        key.length = 20;
                        keyDigest = KeyDigests.digestOfSha1(key.bytes, 0);
                    } else {
                        if (length < 0 || length > MAX_KEY_BYTES) {
                            throw new IOException(file + ": section " + name + " entry " + i + " has a key of " + length
                                    + " bytes");
                        }
                        keyDigest = in.readLong();
                        if (length > key.bytes.length) {
                            key.bytes = new byte[length];
                        }
                        in.readFully(key.bytes, length);
                        key.sha1 = false;
                        key.length = length;
                    }
                    consumer.accept(keyDigest, in.readLong(), key);
                }
                long crc = in.checksum();
                if (in.readLong() != crc) {
                    throw new IOException(file + ": section " + name + " fails its checksum");
                }
            } catch (EOFException e) {
                throw new IOException(file + ": section " + name + " ends early", e);
            }
        }
    }

    private static final int MAX_KEY_BYTES = 1 << 20;
    /** In place of a key's length: the key is a SHA-1, its 20 bytes follow (its text is their lowercase hex). */
    private static final int SHA1_KEY = -1;

    /** A stored row's key as the file holds it. */
    public static final class Key {
        private byte[] bytes = new byte[256];
        private int length;
        private boolean sha1;

        /** The key as the graph holds it: a SHA-1's lowercase hex, or an id's or code's text. */
        public String text() {
            return sha1 ? java.util.HexFormat.of().formatHex(bytes, 0, 20)
                    : new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    }

    /**
     * A section's bytes from the file through one buffer of 2 MiB, with the CRC-32 of the bytes taken so far. Read
     * through a {@code DataInputStream} over a {@code CheckedInputStream}, every int and long of an entry went byte
     * by byte through three streams (about 70 M calls for the 5.9 M rows of 1 M entities).
     */
    private static final class SectionBytes {
        private final FileChannel channel;
        private final ByteBuffer buf = ByteBuffer.allocate(2 * MAX_KEY_BYTES);
        private final CRC32 crc = new CRC32();
        /** Where the bytes not yet in {@link #crc} start in {@link #buf}. */
        private int unchecked;

        SectionBytes(FileChannel channel, long offset) throws IOException {
            this.channel = channel.position(offset);
            buf.limit(0);
        }

        /** Makes sure {@code n} bytes are in the buffer; an {@link EOFException} when the file ends first. */
        private void need(int n) throws IOException {
            if (buf.remaining() >= n) {
                return;
            }
            crc.update(buf.array(), unchecked, buf.position() - unchecked);
            buf.compact();
            while (buf.position() < n) {
                if (channel.read(buf) < 0) {
                    throw new EOFException();
                }
            }
            buf.flip();
            unchecked = 0;
        }

        int readInt() throws IOException {
            need(Integer.BYTES);
            return buf.getInt();
        }

        long readLong() throws IOException {
            need(Long.BYTES);
            return buf.getLong();
        }

        void readFully(byte[] into, int length) throws IOException {
            need(length);
            buf.get(into, 0, length);
        }

        /** The CRC-32 of every byte taken so far. */
        long checksum() {
            crc.update(buf.array(), unchecked, buf.position() - unchecked);
            unchecked = buf.position();
            return crc.getValue();
        }
    }

    /** Counts the bytes written and keeps a CRC-32 of them (reset per section). */
    private static final class Counting extends FilterOutputStream {
        final CRC32 crc = new CRC32();
        long position;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            position += len;
        }
    }
}
