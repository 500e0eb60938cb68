package org.trustmap.crawler.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTargetRecord;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.trustmap.crawler.Capture;

/**
 * Reads the documents of a WARC file or a folder of WARC files (ours, or written by {@code wget --warc-file} or
 * another crawler) as {@link Capture}s, so sources can be staged from an archive with no network.
 *
 * <p>Documents are complete 2xx {@code response} records and {@code resource} records. A record's source is its
 * {@value EvidenceArchive#SOURCE_HEADER} header when present, otherwise the source whose base URL is the longest
 * prefix of the record's target URI; records matching no source are left out. Record ids are kept as written, so
 * replaying our own archive gives the same ids — and so the same named graphs and statements — as the live run.</p>
 */
public final class WarcReplay {
    private final Path root;
    private final List<Capture> captures;

    private WarcReplay(Path root, List<Capture> captures) {
        this.root = root;
        this.captures = List.copyOf(captures);
    }

    /**
     * Scans a WARC file or a folder (recursively, {@code *.warc}, {@code *.warc.gz}).
     *
     * @param baseUrls base URLs per source id, for records without a {@value EvidenceArchive#SOURCE_HEADER} header
     */
    public static WarcReplay scan(Path fileOrFolder, Map<String, List<String>> baseUrls) throws IOException {
        Path root = Files.isDirectory(fileOrFolder) ? fileOrFolder : fileOrFolder.toAbsolutePath().getParent();
        List<Path> files;
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> walk = Files.walk(fileOrFolder)) {
                files = walk.filter(Files::isRegularFile).filter(WarcReplay::isWarc).sorted().toList();
            }
        } else {
            files = List.of(fileOrFolder.toAbsolutePath());
        }
        Map<String, Capture> byId = new LinkedHashMap<>();
        for (Path file : files) {
            String name = root.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
            try (WarcReader reader = new WarcReader(file)) {
                reader.setLenient(true);
                for (WarcRecord record : reader) {
                    document(record, name, baseUrls).ifPresent(c -> byId.putIfAbsent(c.warcRecordId(), c));
                }
            }
        }
        return new WarcReplay(root, new ArrayList<>(byId.values()));
    }

    private static boolean isWarc(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".warc") || n.endsWith(".warc.gz");
    }

    private static Optional<Capture> document(WarcRecord record, String file, Map<String, List<String>> baseUrls)
            throws IOException {
        if (!(record instanceof WarcResponse) && !(record instanceof WarcResource)) {
            return Optional.empty();
        }
        if (record.truncated() != WarcTruncationReason.NOT_TRUNCATED) {
            return Optional.empty();
        }
        WarcTargetRecord target = (WarcTargetRecord) record;
        String uri = target.target();
        Optional<String> source = record.headers().first(EvidenceArchive.SOURCE_HEADER)
                .or(() -> sourceOf(uri, baseUrls));
        if (source.isEmpty()) {
            return Optional.empty();
        }
        String contentType;
        InputStream payload;
        if (record instanceof WarcResponse response) {
            int status = response.http().status();
            if (status < 200 || status >= 300) {
                return Optional.empty();
            }
            contentType = response.http().headers().first("Content-Type").orElse("application/octet-stream");
            payload = response.http().bodyDecoded().stream();
        } else {
            contentType = record.contentType().toString();
            payload = record.body().stream();
        }
        String digest = record.headers().first("WARC-Payload-Digest")
                .filter(d -> d.matches("sha256:[0-9a-f]{64}") && record.headers().first(
                        EvidenceArchive.SOURCE_HEADER).isPresent())
                .orElse(null);
        if (digest == null) {
            digest = sha256(payload);
        }
        long offset = record.position();
        return Optional.of(new Capture(source.get(), uri, contentType, record.date(), "<" + record.id() + ">",
                digest, file, offset));
    }

    private static Optional<String> sourceOf(String uri, Map<String, List<String>> baseUrls) {
        return baseUrls.entrySet().stream()
                .flatMap(e -> e.getValue().stream().filter(uri::startsWith).map(b -> Map.entry(b.length(), e.getKey())))
                .max(Comparator.comparingInt(Map.Entry::getKey))
                .map(Map.Entry::getValue);
    }

    private static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The folder {@link Capture#warcFile()} names are relative to. */
    public Path root() {
        return root;
    }

    /** Every document, in file and record order. */
    public List<Capture> captures() {
        return captures;
    }

    public List<Capture> captures(String sourceId) {
        return captures.stream().filter(c -> c.sourceId().equals(sourceId)).toList();
    }

    /** The latest document for a URL, if the archive holds one. */
    public Optional<Capture> latest(String uri) {
        return captures.stream().filter(c -> c.targetUri().equals(uri)).max(Comparator.comparing(Capture::date));
    }

    /** Opens a document's payload (decoded from chunked and gzip transfer as recorded). */
    public InputStream open(Capture capture) throws IOException {
        return EvidenceArchive.openPayload(root.resolve(capture.warcFile()), capture.offset());
    }
}
