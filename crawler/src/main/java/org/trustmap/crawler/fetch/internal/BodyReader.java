package org.trustmap.crawler.fetch.internal;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.trustmap.crawler.archive.Truncation;

/**
 * Reads a response body within limits: decoded size ({@code maxBytes}), time per response, and the decoded/wire
 * ratio of a compressed body. A body cut by a limit or by a broken connection comes back with its
 * {@link Truncation}; a decompression bomb is refused with {@link DecompressionBombException}.
 */
public final class BodyReader {
    /** Ratio checks start once this much has been decoded, so tiny well-compressed bodies pass. */
    private static final long RATIO_FLOOR = 1L << 20;

    private final long maxBytes;
    private final long maxNanos;
    private final double maxRatio;

    public BodyReader(long maxBytes, java.time.Duration maxTime, double maxRatio) {
        this.maxBytes = maxBytes;
        this.maxNanos = maxTime.toNanos();
        this.maxRatio = maxRatio;
    }

    public record Body(byte[] bytes, Truncation truncation, long wireBytes, IOException failure) {
    }

    public static final class DecompressionBombException extends IOException {
        public DecompressionBombException(String message) {
            super(message);
        }
    }

    /** Reads {@code raw} (the body as on the wire, after transfer decoding) decoding {@code contentEncoding}. */
    public Body read(InputStream raw, String contentEncoding) throws DecompressionBombException {
        long start = System.nanoTime();
        Counting wire = new Counting(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Truncation truncation = Truncation.NONE;
        IOException failure = null;
        String enc = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        try (InputStream in = decoder(wire, enc)) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                long room = maxBytes - out.size();
                if (n > room) {
                    out.write(buf, 0, (int) Math.max(0, room));
                    truncation = Truncation.LENGTH;
                    break;
                }
                out.write(buf, 0, n);
                if (!enc.isEmpty() && out.size() > RATIO_FLOOR && out.size() > maxRatio * Math.max(1, wire.count)) {
                    throw new DecompressionBombException("decoded " + out.size() + " bytes from " + wire.count
                            + " wire bytes (" + enc + "), over the ratio cap " + maxRatio);
                }
                if (System.nanoTime() - start > maxNanos) {
                    truncation = Truncation.TIME;
                    break;
                }
            }
        } catch (DecompressionBombException bomb) {
            throw bomb;
        } catch (IOException e) {
            truncation = Truncation.DISCONNECT;
            failure = e;
        }
        return new Body(out.toByteArray(), truncation, wire.count, failure);
    }

    private static InputStream decoder(InputStream wire, String enc) throws IOException {
        return switch (enc) {
            case "gzip", "x-gzip" -> new GZIPInputStream(wire, 8192);
            case "deflate" -> new InflaterInputStream(wire);
            default -> wire;
        };
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
