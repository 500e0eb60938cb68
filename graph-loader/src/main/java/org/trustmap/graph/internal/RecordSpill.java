package org.trustmap.graph.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where resolve keeps the staged records it reads: each record's IRI and packed values ({@link StagedRecord#pack})
 * written one after the other into a file mapped into memory, so that the Java heap holds a small object per record
 * (its address here, its type and graph) instead of its bytes. At 3.4 M GLEIF-shaped organizations the records' IRIs
 * and values were most of resolve's live heap (12 M records; byte arrays, theirs and the strings', 5.4 GB): here they are pages of a file,
 * which the operating system keeps in memory while there is room and reads back when there is not.
 *
 * <p>The file is removed from its directory as soon as it is open (on POSIX systems its space is given back when the
 * process lets go of it, a killed process included); nothing is left behind to clean up. Append-only: a record
 * changed after it was written (two captures stating one record, a GLEIF record reduced to a stub) is written again
 * and its old bytes are left unused. Safe to use from several threads: writes are serialized, reads take no lock.
 *
 * <p>A record is {@code varint(length of IRI) IRI-bytes varint(length of values) value-bytes}, UTF-8, within one
 * segment of {@value #SEGMENT} bytes; its address is its position in the file.
 */
public final class RecordSpill {
    /** Bytes a mapping covers: a record never spans two (one is a few hundred bytes). */
    static final int SEGMENT = 1 << 30;
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();
    private final Path file;
    private final FileChannel channel;
    private volatile MappedByteBuffer[] segments = new MappedByteBuffer[0];
    /** The next free position in the last segment. */
    private int free;
    private final int segmentSize;
    private final StagedRecord.Dictionary dictionary = new StagedRecord.Dictionary();

    private RecordSpill(Path file, FileChannel channel, int segmentSize) {
        this.file = file;
        this.channel = channel;
        this.segmentSize = segmentSize;
        this.free = segmentSize;
        CLEANER.register(this, new Closer(channel));
    }

    /** A new spill file in {@code dir} (created if missing). */
    public static RecordSpill create(Path dir) {
        return create(dir, SEGMENT);
    }

    /** As {@link #create(Path)} with segments of {@code segmentSize} bytes (small ones in tests, to cross them). */
    static RecordSpill create(Path dir, int segmentSize) {
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "resolve-records-", ".spill");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            try {
                Files.deleteIfExists(file); // POSIX: the open channel keeps it; nothing is left after a kill
            } catch (IOException e) {
                // a system that cannot remove an open file: DELETE_ON_CLOSE removes it when the channel closes
            }
            return new RecordSpill(file, channel, segmentSize);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the resolve step's records file in " + dir
                    + " (it holds the staged records' bytes while resolve runs: about 330 bytes a record)", e);
        }
    }

    /** The values many records share, numbered once for every record of this spill. */
    StagedRecord.Dictionary dictionary() {
        return dictionary;
    }

    /** Closes the file's channel when nothing refers to the spill any more (the mappings stay until collected). */
    private record Closer(FileChannel channel) implements Runnable {
        @Override
        public void run() {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do: the file was removed when it was opened
            }
        }
    }

    /** Writes one record and gives its address. */
    long put(String iri, byte[] values) {
        byte[] name = iri.getBytes(StandardCharsets.UTF_8);
        int length = varintSize(name.length) + name.length + varintSize(values.length) + values.length;
        if (length > segmentSize) {
            throw new IllegalArgumentException("the staged record " + iri + " holds " + values.length
                    + " bytes of values, more than the resolve step's records file takes in one record ("
                    + segmentSize + ")");
        }
        byte[] bytes = new byte[length];
        int at = writeVarint(bytes, 0, name.length);
        System.arraycopy(name, 0, bytes, at, name.length);
        at = writeVarint(bytes, at + name.length, values.length);
        System.arraycopy(values, 0, bytes, at, values.length);
        synchronized (this) {
            if (free + length > segmentSize) {
                grow();
            }
            int segment = segments.length - 1;
            segments[segment].put(free, bytes, 0, length);
            long address = (long) segment * segmentSize + free;
            free += length;
            return address;
        }
    }

    /** The disk has no room for the next segment: the run cannot go on until space is freed (nothing is wrong with the input). */
    public static final class NoRoom extends IllegalStateException {
        NoRoom(String message) {
            super(message);
        }
    }

    private void grow() {
        int n = segments.length;
        try {
            // a full disk under a mapped file is a fault on a later write (an InternalError), not an IOException:
            // a segment is only mapped while the disk has room for all of it
            Path dir = file.toAbsolutePath().getParent();
            long usable = Files.getFileStore(dir).getUsableSpace();
            if (usable < segmentSize) {
                throw new NoRoom("the disk holding " + dir + " has " + usable + " bytes free; the"
                        + " resolve step's records file there needs another " + segmentSize + " (it holds about 330"
                        + " bytes a staged record while resolve runs): free some space and run the same refresh again");
            }
            MappedByteBuffer next = channel.map(FileChannel.MapMode.READ_WRITE, (long) n * segmentSize, segmentSize);
            MappedByteBuffer[] grown = java.util.Arrays.copyOf(segments, n + 1);
            grown[n] = next;
            segments = grown;
            free = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot grow the resolve step's records file (" + file + ", removed from"
                    + " its directory while open) to " + (long) (n + 1) * segmentSize + " bytes: is the disk full?", e);
        }
    }

    /** The record's IRI. */
    String iri(long address) {
        MappedByteBuffer b = segment(address);
        int[] at = {offset(address)};
        int n = readVarint(b, at);
        byte[] name = new byte[n];
        b.get(at[0], name, 0, n);
        return new String(name, StandardCharsets.UTF_8);
    }

    /** The record's packed values (a copy). */
    byte[] values(long address) {
        MappedByteBuffer b = segment(address);
        int[] at = {offset(address)};
        int skip = readVarint(b, at); // the IRI's length (read first: it moves at[0])
        at[0] += skip;
        int n = readVarint(b, at);
        byte[] values = new byte[n];
        b.get(at[0], values, 0, n);
        return values;
    }

    /**
     * Compares two records' IRIs as {@link String#compareTo} orders them, on their UTF-8 bytes where that gives the
     * same order: everywhere but where the first difference sets a character from U+E000 to U+FFFF against one
     * beyond U+FFFF (UTF-16 puts the latter first, UTF-8 last); there the two IRIs are decoded and compared.
     */
    int compareIris(long x, long y) {
        MappedByteBuffer a = segment(x);
        MappedByteBuffer b = segment(y);
        int[] at = {offset(x)};
        int na = readVarint(a, at);
        int ia = at[0];
        at[0] = offset(y);
        int nb = readVarint(b, at);
        int ib = at[0];
        int n = Math.min(na, nb);
        int k = 0;
        while (k + 8 <= n) {
            long la = a.getLong(ia + k);
            long lb = b.getLong(ib + k);
            if (la != lb) {
                k += Long.numberOfLeadingZeros(la ^ lb) / 8;
                return differ(a.get(ia + k) & 0xff, b.get(ib + k) & 0xff, x, y);
            }
            k += 8;
        }
        for (; k < n; k++) {
            int ca = a.get(ia + k) & 0xff;
            int cb = b.get(ib + k) & 0xff;
            if (ca != cb) {
                return differ(ca, cb, x, y);
            }
        }
        return Integer.compare(na, nb);
    }

    private int differ(int ca, int cb, long x, long y) {
        if (ca >= 0xEE && cb >= 0xEE) {
            return iri(x).compareTo(iri(y));
        }
        return Integer.compare(ca, cb);
    }

    private MappedByteBuffer segment(long address) {
        return segments[(int) (address / segmentSize)];
    }

    private int offset(long address) {
        return (int) (address % segmentSize);
    }

    private static int varintSize(int v) {
        int n = 1;
        while ((v & ~0x7f) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int writeVarint(byte[] out, int at, int v) {
        while ((v & ~0x7f) != 0) {
            out[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    private static int readVarint(MappedByteBuffer b, int[] at) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b.get(at[0]++);
            v |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
    }
}
