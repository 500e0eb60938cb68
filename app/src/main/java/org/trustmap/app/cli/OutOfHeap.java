package org.trustmap.app.cli;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Recognises a failure that is the JVM running out of heap, however it surfaced: a step failed with an
 * {@link OutOfMemoryError}, or the error closed the embedded H2 job repository first and the job then failed on a
 * closed database (the error is then only a cause or a message further down). Such a failure is not the input's fault
 * and the refresh can be resumed: the advice says how.
 */
public final class OutOfHeap {
    /** Set when any thread of this JVM died of an {@link OutOfMemoryError} (see {@link #watch()}). */
    private static volatile boolean seen;

    private OutOfHeap() {
    }

    /**
     * Notes every thread that dies of an {@link OutOfMemoryError} (the embedded database's threads, the connection
     * pool's), then hands the error on as before: the error that ends the job is often only the job repository
     * closed by an earlier one, with no trace of it.
     */
    public static void watch() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof OutOfMemoryError) {
                seen = true; // first, allocating nothing
            }
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                // what the JVM prints without a default handler (its thread group would call this one again)
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace(System.err);
            }
        });
    }

    /** Whether a thread died of an {@link OutOfMemoryError} since {@link #watch()}. */
    static boolean seen() {
        return seen;
    }

    static void forget() {
        seen = false;
    }

    /** Whether this failure is, or followed, the JVM running out of heap. */
    static boolean explains(Throwable t) {
        return seen || causedBy(t);
    }

    /** Whether {@code t}, its causes or what they suppressed is (or reports) an {@link OutOfMemoryError}. */
    static boolean causedBy(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        if (t != null) {
            todo.add(t);
        }
        while (!todo.isEmpty()) {
            Throwable x = todo.poll();
            if (!seen.add(x)) {
                continue;
            }
            // H2 reports the error as "Out of memory." or by its class name
            if (x instanceof OutOfMemoryError || (x.getMessage() != null
                    && (x.getMessage().contains("OutOfMemoryError") || x.getMessage().contains("Out of memory")))) {
                return true;
            }
            if (x.getCause() != null) {
                todo.add(x.getCause());
            }
            Collections.addAll(todo, x.getSuppressed());
        }
        return false;
    }

    /** What to do about it, with this JVM's heap limit. */
    static String advice() {
        return advice(Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The advice for a heap limit of {@code mib} MiB: the example doubles it (in whole GiB, at least 6). */
    static String advice(long mib) {
        long suggestGib = Math.max(6, 2 * ((mib + 1023) >> 10));
        return "trustmap: the job ran out of heap (this JVM's limit is " + mib + " MiB). Set TRUSTMAP_HEAP higher"
                + " (the launcher's -Xmx, default 3g), e.g. TRUSTMAP_HEAP=" + suggestGib + "g ./trustmap refresh ...,"
                + " and run the same refresh again: it resumes at the step that failed. BENCHMARKS.md gives the heap"
                + " measured per size (synthetic data of the GLEIF golden copy's size: a whole refresh in the"
                + " default 3g).";
    }
}
