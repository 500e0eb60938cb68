package org.trustmap.crawler.archive;

import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request and its response as the fetcher saw them, ready to be written as a WARC request/response pair.
 *
 * <p>{@code body} is the payload after content decoding (gzip/deflate) — what parsers read. The response headers
 * are the ones received; the archive renames {@code Content-Encoding}, {@code Transfer-Encoding} and
 * {@code Content-Length} to {@code X-Archive-Orig-*} so the stored message stays self-consistent.</p>
 *
 * @param target          the URL requested
 * @param date            when the response started
 * @param method          request method
 * @param requestHeaders  request headers as sent (name -> values, in order)
 * @param status          HTTP status code
 * @param reason          reason phrase (may be empty)
 * @param responseHeaders response headers as received
 * @param body            decoded payload (possibly cut, see {@code truncation})
 * @param truncation      why the body was cut, {@link Truncation#NONE} if complete
 * @param ipAddress       the address actually connected to, if known
 */
public record HttpExchange(URI target, Instant date, String method, Map<String, List<String>> requestHeaders,
                           int status, String reason, Map<String, List<String>> responseHeaders, byte[] body,
                           Truncation truncation, Optional<InetAddress> ipAddress) {
    public HttpExchange {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(method, "method");
        requestHeaders = copy(requestHeaders);
        responseHeaders = copy(responseHeaders);
        body = body == null ? new byte[0] : body;
        reason = reason == null ? "" : reason;
        truncation = truncation == null ? Truncation.NONE : truncation;
        ipAddress = ipAddress == null ? Optional.empty() : ipAddress;
    }

    /** First value of a response header, case-insensitively. */
    public Optional<String> responseHeader(String name) {
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** The response media type as served, or {@code application/octet-stream}. */
    public String contentType() {
        return responseHeader("Content-Type").orElse("application/octet-stream");
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> copy.put(k, List.copyOf(new ArrayList<>(v))));
        }
        return Collections.unmodifiableMap(copy);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
