package org.trustmap.crawler.sources;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.SourceParseException;

/**
 * Documents that may come zipped, as bulk publishers ship them (GLEIF golden copies, the Companies House PSC snapshot
 * parts): a zip is recognized by its first bytes, not its name, and each file in it is handed to the reader one at a
 * time, streamed, never unpacked to disk; anything else is handed over as it is. A zip inflating over
 * {@value #MAX_RATIO} times the bytes read so far stops as a decompression bomb.
 */
public final class ZipDocuments {
    /** Largest decompressed/compressed ratio accepted (GLEIF's golden copies are 14x-31x, PSC parts about 10x). */
    public static final long MAX_RATIO = 100;
    private static final int BUFFER = 1 << 16;

    /** Reads one document, or one file of a zip. */
    @FunctionalInterface
    public interface Reader {
        /**
         * @param in    the document's bytes, buffered; closing it does not end a zip
         * @param entry the file's name inside the zip, or null when the document is not a zip
         */
        void read(BufferedInputStream in, String entry) throws IOException;
    }

    private ZipDocuments() {
    }

    /**
     * Hands the document, or each file of it when it is a zip, to the reader.
     *
     * @throws SourceParseException when a zip holds no file or inflates like a bomb
     */
    public static void read(InputStream body, ParseContext context, Reader reader) throws IOException {
        CountingStream compressed = new CountingStream(body);
        BufferedInputStream in = new BufferedInputStream(compressed, BUFFER);
        if (!isZip(in)) {
            reader.read(in, null);
            return;
        }
        ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
        CountingStream inflated = new CountingStream(zip) {
            @Override
            void counted() {
                if (count() > (1 << 20) && count() > MAX_RATIO * Math.max(1, compressed.count())) {
                    throw unreadable(context, "the zip inflates more than " + MAX_RATIO
                            + " times its size (a decompression bomb?)");
                }
            }
        };
        ZipEntry entry;
        int files = 0;
        while ((entry = zip.getNextEntry()) != null) {
            if (entry.isDirectory()) {
                continue;
            }
            files++;
            reader.read(new BufferedInputStream(new FilterInputStream(inflated) {
                @Override
                public void close() {
                    // the next entry follows in the same stream
                }
            }, BUFFER), entry.getName());
        }
        if (files == 0) {
            throw unreadable(context, "the zip holds no file");
        }
    }

    private static boolean isZip(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static SourceParseException unreadable(ParseContext context, String reason) {
        return new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "", reason));
    }

    /** Counts the bytes read through it. */
    private static class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        void counted() {
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                counted();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                counted();
            }
            return n;
        }
    }
}
