package org.trustmap.crawler.fetch.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charset of a text body: byte-order mark, then the {@code Content-Type} charset, then an HTML
 * {@code <meta charset>} / {@code http-equiv} or XML declaration in the first 4 KiB, then UTF-8. Unknown or
 * unsupported names are skipped, not trusted.
 */
public final class CharsetDetector {
    private static final Pattern HEADER = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([A-Za-z0-9._:+-]+)");
    private static final Pattern META = Pattern.compile(
            "(?i)<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:+-]+)");
    private static final Pattern XML_DECL = Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:+-]+)");

    private CharsetDetector() {
    }

    public static Charset detect(byte[] body, String contentType) {
        return bom(body)
                .or(() -> named(contentType == null ? null : find(HEADER, contentType)))
                .or(() -> sniff(body))
                .orElse(StandardCharsets.UTF_8);
    }

    static Optional<Charset> bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        return Optional.empty();
    }

    private static Optional<Charset> sniff(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
        // a page that declares UTF-16 in ASCII-compatible bytes is mistaken (WHATWG: treat it as UTF-8)
        return named(find(XML_DECL, head)).or(() -> named(find(META, head)))
                .map(c -> c.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : c);
    }

    private static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    private static Optional<Charset> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(name.trim().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException unsupported) {
            return Optional.empty();
        }
    }
}
