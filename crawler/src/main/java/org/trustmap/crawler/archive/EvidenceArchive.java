package org.trustmap.crawler.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.trustmap.crawler.Capture;

/**
 * The WARC evidence archive: every document a source reads, fetched or local, is written here first and parsed from
 * here, so each staged statement can name the WARC record it came from.
 *
 * <p>Record ids are name-based UUIDs of (target URI, payload digest): the same document archived twice keeps one
 * record and one id, so reruns give the same graph. An index ({@value #INDEX}, one JSON line per record) lists every
 * record with its file and offset; it is rebuilt from the WARC files when missing.</p>
 */
public final class EvidenceArchive implements Closeable {
    public static final String INDEX = "index.jsonl";
    /** WARC extension header naming the Trustmap source of a record. */
    public static final String SOURCE_HEADER = "Trustmap-Source";
    private static final long ROTATE_BYTES = 1L << 30;
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final CaptureIndex index;
    private WarcWriter writer;
    private FileChannel channel;
    private String currentFile;
    private int sequence;

    private EvidenceArchive(Path dir, CaptureIndex index) {
        this.dir = dir;
        this.index = index;
    }

    /** Opens (or creates) the archive folder. */
    public static EvidenceArchive open(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new EvidenceArchive(dir, CaptureIndex.load(dir.resolve(INDEX)));
    }

    public Path directory() {
        return dir;
    }

    /** All indexed captures, in archive order. */
    public List<Capture> captures() {
        return index.all();
    }

    public Optional<Capture> find(String warcRecordId) {
        return index.byId(warcRecordId);
    }

    /**
     * Archives a local file as a WARC {@code resource} record (target URI {@code file:...}), or returns the existing
     * capture if the same file content is already archived.
     */
    public synchronized Capture archiveFile(String sourceId, Path file, String contentType, Instant date)
            throws IOException {
        String digest = sha256(file);
        URI target = file.toAbsolutePath().normalize().toUri();
        return archiveResource(sourceId, target, contentType, digest, date,
                builder -> {
                    try {
                        FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                        builder.body(MediaType.parseLeniently(contentType), in, in.size());
                        return in;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Archives bytes (e.g. a fetched body) as a {@code resource} record under the given target URI. */
    public synchronized Capture archiveBytes(String sourceId, URI target, String contentType, byte[] body,
                                             Instant date) throws IOException {
        String digest = sha256(body);
        return archiveResource(sourceId, target, contentType, digest, date, builder -> {
            builder.body(MediaType.parseLeniently(contentType), body);
            return null;
        });
    }

    private interface BodySetter {
        Closeable apply(WarcResource.Builder builder);
    }

    private Capture archiveResource(String sourceId, URI target, String contentType, String digest, Instant date,
                                    BodySetter body) throws IOException {
        UUID id = recordUuid(target.toString(), digest);
        String recordId = "<urn:uuid:" + id + ">";
        Optional<Capture> existing = index.byId(recordId);
        if (existing.isPresent()) {
            return existing.get();
        }
        ensureWriter();
        WarcResource.Builder builder = new WarcResource.Builder(target)
                .recordId(id)
                .date(date)
                .setHeader(SOURCE_HEADER, sourceId)
                .setHeader("WARC-Payload-Digest", digest)
                .setHeader("WARC-Block-Digest", digest);
        long offset = writer.position();
        try (Closeable ignored = body.apply(builder)) {
            writer.write(builder.build());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        channel.force(false);
        Capture capture = new Capture(sourceId, target.toString(), contentType, date, recordId, digest,
                currentFile, offset);
        index.append(capture);
        return capture;
    }

    /** Opens the payload of an archived capture (the HTTP payload for response records). */
    public InputStream open(Capture capture) throws IOException {
        return openPayload(dir.resolve(capture.warcFile()), capture.offset());
    }

    /** Opens the payload of the record at an offset of a WARC file (also WARC files written by wget). */
    public static InputStream openPayload(Path warcFile, long offset) throws IOException {
        WarcReader reader = new WarcReader(FileChannel.open(warcFile, StandardOpenOption.READ));
        reader.position(offset);
        Optional<WarcRecord> next = reader.next();
        if (next.isEmpty()) {
            reader.close();
            throw new IOException(warcFile + ": no WARC record at offset " + offset);
        }
        WarcRecord record = next.get();
        InputStream stream;
        if (record instanceof WarcResponse response) {
            stream = response.http().body().stream();
        } else {
            stream = record.body().stream();
        }
        return new java.io.FilterInputStream(stream) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    reader.close();
                }
            }
        };
    }

    private void ensureWriter() throws IOException {
        if (writer != null && writer.position() < ROTATE_BYTES) {
            return;
        }
        closeWriter();
        currentFile = "trustmap-" + FILE_STAMP.format(Instant.now()) + "-" + (sequence++) + ".warc.gz";
        channel = FileChannel.open(dir.resolve(currentFile), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        writer = new WarcWriter(channel, WarcCompression.GZIP);
    }

    private void closeWriter() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
            channel = null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closeWriter();
    }

    static UUID recordUuid(String target, String digest) {
        return UUID.nameUUIDFromBytes(("trustmap|" + target + "|" + digest).getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] body) {
        return "sha256:" + HexFormat.of().formatHex(digest().digest(body));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
