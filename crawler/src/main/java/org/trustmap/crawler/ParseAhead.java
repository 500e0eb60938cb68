package org.trustmap.crawler;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;

/**
 * Runs a parser on a thread of its own, one batch of statements ahead of the staging transaction: the parser's quads
 * and the records it rejects travel, in the order the parser produced them, through a bounded queue to the thread
 * that holds the TDB2 write transaction (TDB2 transactions belong to the thread that began them), which hands them on
 * to the chunk validator and the error policy exactly as a parser called on that thread would have. Staging thus
 * parses the next records while it checks and writes the last ones, and the staged graph and the list of refused
 * records are the same as when parsing on the transaction's thread. A parser's exception reaches the caller after
 * everything the parser produced before it; when the caller stops consuming, the parser is stopped at its next batch.
 */
final class ParseAhead {
    /** Statements per hand-off: large enough that the queue costs nothing per statement. */
    static final int BATCH = 2_048;
    /** Batches the parser may run ahead: bounds the memory of the hand-off to a few thousand statements. */
    private static final int BATCHES_AHEAD = 8;

    /** What the parser produced: a quad, a refused record, the end, or the parser's failure. */
    private sealed interface Item permits QuadItem, Rejected, End, Failed {
    }

    private record QuadItem(Quad quad) implements Item {
    }

    private record Rejected(ParseProblem problem) implements Item {
    }

    private record End() implements Item {
    }

    private record Failed(Throwable error) implements Item {
    }

    /** Thrown inside the parser's thread when the consumer gave up: ends the parser without a report. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("staging stopped consuming the parser's statements", null, false, false);
        }
    }

    private final BlockingQueue<List<Item>> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private volatile boolean cancelled;
    private List<Item> batch = new ArrayList<>(BATCH);
    private Thread thread;
    private RecordSink sink;

    private ParseAhead() {
    }

    /** Starts {@code parser} on {@code body} on its own thread, writing records of {@code capture}. */
    static ParseAhead start(SourceParser parser, InputStream body, Capture capture) {
        ParseAhead ahead = new ParseAhead();
        StreamRDF out = new StreamRDFBase() {
            @Override
            public void quad(Quad quad) {
                ahead.put(new QuadItem(quad));
            }
        };
        RecordSink sink = new RecordSink(out, capture);
        ahead.sink = sink;
        ParseContext context = new ParseContext(capture, problem -> ahead.put(new Rejected(problem)));
        ahead.thread = new Thread(() -> {
            try {
                parser.parse(body, context, sink);
                ahead.put(new End());
                ahead.flushBatch();
            } catch (Cancelled c) {
                // the consumer has stopped: nobody reads what follows
            } catch (Throwable e) {
                ahead.batch.add(new Failed(e));
                try {
                    ahead.flushBatch();
                } catch (Cancelled c) {
                    // the consumer has stopped
                }
            }
        }, "stage-parse " + capture.sourceId());
        ahead.thread.setDaemon(true);
        ahead.thread.start();
        return ahead;
    }

    /** Records the parser wrote: read after {@link #drainTo} returned. */
    long records() {
        return sink.records();
    }

    /** In the parser's thread. */
    private void put(Item item) {
        batch.add(item);
        if (batch.size() >= BATCH) {
            flushBatch();
        }
    }

    private void flushBatch() {
        if (batch.isEmpty()) {
            return;
        }
        List<Item> full = batch;
        batch = new ArrayList<>(BATCH);
        try {
            while (!queue.offer(full, 100, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    throw new Cancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
    }

    /**
     * In the transaction's thread: hands every quad to {@code quads} and every refused record to {@code errors}, in
     * the parser's order, until the parser is done; rethrows the parser's exception. If this thread fails or is
     * interrupted, the parser is stopped and the failure goes on.
     */
    void drainTo(StreamRDF quads, ErrorPolicy errors) throws IOException {
        boolean done = false;
        try {
            while (true) {
                List<Item> items = queue.take();
                for (Item item : items) {
                    if (item instanceof QuadItem q) {
                        quads.quad(q.quad());
                    } else if (item instanceof Rejected r) {
                        errors.reject(r.problem());
                    } else if (item instanceof Failed f) {
                        done = true;
                        rethrow(f.error());
                    } else {
                        done = true;
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("staging was interrupted");
        } finally {
            if (!done) {
                stop();
            }
            join();
        }
    }

    private void stop() {
        cancelled = true;
        queue.clear();
        thread.interrupt();
    }

    private void join() {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable e) throws IOException {
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new UncheckedIOException(new IOException("the parser failed", e));
    }
}
