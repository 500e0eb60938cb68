package org.trustmap.crawler.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Serializes an {@link HttpExchange} into the HTTP/1.1 messages stored in WARC request and response records. */
final class HttpMessages {
    /** Headers that describe the wire framing, not the stored (decoded) body; kept under {@code X-Archive-Orig-}. */
    private static final Set<String> FRAMING = Set.of("content-encoding", "transfer-encoding", "content-length");

    private HttpMessages() {
    }

    static byte[] request(HttpExchange ex) {
        StringBuilder head = new StringBuilder();
        String path = ex.target().getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        if (ex.target().getRawQuery() != null) {
            path += "?" + ex.target().getRawQuery();
        }
        head.append(ex.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
        boolean host = false;
        for (Map.Entry<String, List<String>> e : ex.requestHeaders().entrySet()) {
            host |= e.getKey().equalsIgnoreCase("Host");
            for (String v : e.getValue()) {
                head.append(e.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        if (!host) {
            String authority = ex.target().getRawAuthority();
            head.insert(head.indexOf("\r\n") + 2, "Host: " + authority + "\r\n");
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] response(HttpExchange ex) {
        StringBuilder head = new StringBuilder();
        head.append("HTTP/1.1 ").append(ex.status());
        head.append(' ').append(ex.reason().isEmpty() ? "-" : ex.reason()).append("\r\n");
        for (Map.Entry<String, List<String>> e : ex.responseHeaders().entrySet()) {
            String name = FRAMING.contains(HttpExchange.lower(e.getKey())) ? "X-Archive-Orig-" + e.getKey()
                    : e.getKey();
            for (String v : e.getValue()) {
                head.append(name).append(": ").append(v).append("\r\n");
            }
        }
        head.append("Content-Length: ").append(ex.body().length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + ex.body().length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(ex.body());
        return out.toByteArray();
    }
}
