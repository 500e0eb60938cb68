package org.trustmap.crawler;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * A write-only Thrift transport with a buffer of its own in front of a file's stream. Thrift's compact protocol writes
 * a row as many small writes (a field header byte, a varint, a short string each); through the stream transport Jena's
 * RDF Thrift writer uses, every one of them is a call into a synchronized {@code BufferedOutputStream.write}. Here it
 * is a copy into an array, and the stream sees one write per 64 KiB. The rows written are byte for byte the same
 * (a test compares both). Closing flushes but does not close the stream: the owner of the stream does that.
 */
final class ThriftFileOutput extends TTransport {
    private static final int SIZE = 1 << 16;
    private final OutputStream out;
    private final byte[] buf = new byte[SIZE];
    private final TConfiguration configuration = new TConfiguration();
    private int pos;

    ThriftFileOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(byte[] from, int off, int len) throws TTransportException {
        if (len > SIZE - pos) {
            drain();
            if (len > SIZE) {
                try {
                    out.write(from, off, len);
                } catch (IOException e) {
                    throw new TTransportException(e);
                }
                return;
            }
        }
        System.arraycopy(from, off, buf, pos, len);
        pos += len;
    }

    private void drain() throws TTransportException {
        if (pos == 0) {
            return;
        }
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new TTransportException(e);
        }
        pos = 0;
    }

    @Override
    public void flush() throws TTransportException {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new TTransportException(e);
        }
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void open() {
    }

    @Override
    public void close() {
        try {
            flush();
        } catch (TTransportException e) {
            throw new java.io.UncheckedIOException(new IOException(e));
        }
    }

    @Override
    public int read(byte[] into, int off, int len) throws TTransportException {
        throw new TTransportException(TTransportException.NOT_OPEN, "a write-only transport");
    }

    @Override
    public TConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public void updateKnownMessageSize(long size) {
    }

    @Override
    public void checkReadBytesAvailable(long numBytes) {
    }
}
