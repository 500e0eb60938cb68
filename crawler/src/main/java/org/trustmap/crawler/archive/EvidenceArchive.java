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
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcWriter;
import org.trustmap.crawler.Capture;

/**
 * The WARC evidence archive: every document a source reads, fetched or local, is written here first and parsed from
 * here, so each staged statement can name the WARC record it came from.
 *
 * <p>Record ids are name-based UUIDs of (target URI, payload digest): the same document archived twice keeps one
 * record and one id, so reruns give the same graph. An index ({@value #INDEX}, one JSON line per record) lists every
 * record with its file and offset.</p>
 *
 * <p>Fetched responses are written as WARC {@code request}/{@code response} pairs ({@link #archiveResponse}),
 * {@code 304}s as {@code revisit} records ({@link #archiveNotModified}), cut bodies with {@code WARC-Truncated}.
 * Files rotate at a size; a CDXJ index ({@code index.cdxj}) lists every response, revisit and resource record for
 * replay tools such as pywb.</p>
 */
public final class EvidenceArchive implements Closeable {
    public static final String INDEX = "index.jsonl";
    /** WARC extension header naming the Trustmap source of a record. */
    public static final String SOURCE_HEADER = "Trustmap-Source";
    /** Conditional-GET validators per URL (ETag, Last-Modified, record id of the body a 304 reuses). */
    public static final String VALIDATORS = "validators.jsonl";
    /** Default size after which a new WARC file is started. */
    public static final long DEFAULT_ROTATE_BYTES = 1L << 30;
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final CaptureIndex index;
    private final ValidatorStore validators;
    private final CdxjIndex cdxj;
    private final long rotateBytes;
    private WarcWriter writer;
    private FileChannel channel;
    private String currentFile;
    private int sequence;

    private EvidenceArchive(Path dir, CaptureIndex index, ValidatorStore validators, long rotateBytes) {
        this.dir = dir;
        this.index = index;
        this.validators = validators;
        this.cdxj = new CdxjIndex(dir);
        this.rotateBytes = rotateBytes;
    }

    /** Opens (or creates) the archive folder. */
    public static EvidenceArchive open(Path dir) throws IOException {
        return open(dir, DEFAULT_ROTATE_BYTES);
    }

    /** Opens (or creates) the archive folder, starting a new WARC file once the current one reaches a size. */
    public static EvidenceArchive open(Path dir, long rotateBytes) throws IOException {
        Files.createDirectories(dir);
        return new EvidenceArchive(dir, CaptureIndex.load(dir.resolve(INDEX)),
                ValidatorStore.load(dir.resolve(VALIDATORS)), rotateBytes);
    }

    public Path directory() {
        return dir;
    }

    /**
     * All indexed documents, in archive order: local files and complete 2xx responses. Error pages, redirects,
     * robots.txt fetches that failed and truncated bodies are archived too but are not listed here; {@link #find}
     * finds them by id.
     */
    public List<Capture> captures() {
        return index.documents();
    }

    /** The HTTP status archived with a capture ({@code 0} for a local file), if the record is indexed. */
    public java.util.OptionalInt status(String warcRecordId) {
        return index.entry(warcRecordId).map(e -> java.util.OptionalInt.of(e.status()))
                .orElse(java.util.OptionalInt.empty());
    }

    /** Validators for a conditional GET of a URL, from the last complete 200 archived for it. */
    public Optional<Validators> validators(String uri) {
        return validators.get(uri).filter(v -> index.byId(v.recordId()).isPresent());
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
        cdxj.append(target.toString(), date, contentType, 0, digest, "resource", currentFile, offset,
                writer.position() - offset, Truncation.NONE);
        index.append(capture);
        return capture;
    }

    /**
     * Archives an HTTP exchange as a WARC {@code request} + {@code response} pair and returns the capture of the
     * response. The response record id is a name-based UUID of (target URI, payload digest) — and status and
     * truncation when those are not a complete 2xx — so the same URL serving the same body gets the same record,
     * which is reused, not written again.
     */
    public synchronized Capture archiveResponse(String sourceId, HttpExchange exchange) throws IOException {
        String digest = sha256(exchange.body());
        String target = exchange.target().toString();
        boolean complete = exchange.status() / 100 == 2 && !exchange.truncation().truncated();
        UUID id = complete ? recordUuid(target, digest)
                : recordUuid(target, digest + "|" + exchange.status() + "|" + exchange.truncation());
        String recordId = "<urn:uuid:" + id + ">";
        Optional<Capture> existing = index.byId(recordId);
        if (existing.isPresent()) {
            rememberValidators(exchange, recordId, complete);
            return existing.get();
        }
        ensureWriter();
        byte[] http = HttpMessages.response(exchange);
        WarcResponse.Builder builder = new WarcResponse.Builder(exchange.target())
                .recordId(id)
                .date(exchange.date())
                .setHeader(SOURCE_HEADER, sourceId)
                .setHeader("WARC-Payload-Digest", digest)
                .setHeader("WARC-Block-Digest", sha256(http))
                .body(MediaType.HTTP_RESPONSE, http);
        exchange.ipAddress().ifPresent(builder::ipAddress);
        if (exchange.truncation().truncated()) {
            builder.truncated(exchange.truncation().warc());
        }
        WarcResponse response = builder.build();
        writeRequest(exchange, response.id());
        long offset = writer.position();
        writer.write(response);
        channel.force(false);
        Capture capture = new Capture(sourceId, target, exchange.contentType(), exchange.date(), recordId, digest,
                currentFile, offset);
        cdxj.append(target, exchange.date(), exchange.contentType(), exchange.status(), digest, "response",
                currentFile, offset, writer.position() - offset, exchange.truncation());
        index.append(capture, exchange.status(), exchange.truncation());
        rememberValidators(exchange, recordId, complete);
        return capture;
    }

    /**
     * Archives a {@code 304 Not Modified} exchange as a WARC {@code request} + {@code revisit} record (profile
     * server-not-modified) referring to the archived response whose body it reuses, and returns that capture.
     */
    public synchronized Capture archiveNotModified(String sourceId, HttpExchange exchange, Capture original)
            throws IOException {
        ensureWriter();
        byte[] http = HttpMessages.response(exchange);
        String digest = original.payloadDigest();
        WarcRevisit.Builder builder = new WarcRevisit.Builder(exchange.target(), WarcRevisit.SERVER_NOT_MODIFIED_1_1)
                .recordId(UUID.randomUUID())
                .date(exchange.date())
                .setHeader(SOURCE_HEADER, sourceId)
                .setHeader("WARC-Payload-Digest", digest)
                .setHeader("WARC-Block-Digest", sha256(http))
                .refersTo(URI.create(original.warcRecordId().replace("<", "").replace(">", "")),
                        URI.create(original.targetUri()), original.date())
                .body(MediaType.HTTP_RESPONSE, http);
        exchange.ipAddress().ifPresent(builder::ipAddress);
        WarcRevisit revisit = builder.build();
        writeRequest(exchange, revisit.id());
        long offset = writer.position();
        writer.write(revisit);
        channel.force(false);
        cdxj.append(exchange.target().toString(), exchange.date(), "warc/revisit", exchange.status(), digest,
                "revisit", currentFile, offset, writer.position() - offset, Truncation.NONE);
        return original;
    }

    private void writeRequest(HttpExchange exchange, URI concurrentTo) throws IOException {
        byte[] http = HttpMessages.request(exchange);
        WarcRequest.Builder builder = new WarcRequest.Builder(exchange.target())
                .recordId(UUID.randomUUID())
                .date(exchange.date())
                .concurrentTo(concurrentTo)
                .setHeader("WARC-Block-Digest", sha256(http))
                .body(MediaType.HTTP_REQUEST, http);
        exchange.ipAddress().ifPresent(builder::ipAddress);
        writer.write(builder.build());
    }

    private void rememberValidators(HttpExchange exchange, String recordId, boolean complete) throws IOException {
        if (!complete || exchange.status() != 200) {
            return;
        }
        Validators v = new Validators(exchange.target().toString(), recordId, exchange.responseHeader("ETag"),
                exchange.responseHeader("Last-Modified"));
        if (v.any()) {
            validators.put(v);
        }
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
            // decodes chunked transfer and gzip/deflate/br content encoding, as wget and other crawlers store them
            stream = response.http().bodyDecoded().stream();
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
        if (writer != null && writer.position() < rotateBytes) {
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
