package org.trustmap.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

/** A refresh that ran out of heap is told apart from other failures, however the error reached the command. */
class OutOfHeapTest {
    @Test
    void theErrorItselfOrAsACause() {
        assertThat(OutOfHeap.causedBy(new OutOfMemoryError("Java heap space"))).isTrue();
        assertThat(OutOfHeap.causedBy(new IllegalStateException("step failed",
                new RuntimeException("wrapped", new OutOfMemoryError("Java heap space"))))).isTrue();
    }

    @Test
    void theErrorReportedByTheJobRepositoryThatItClosed() {
        // H2 closes itself on an OutOfMemoryError; the job then fails on "The database has been closed" whose cause
        // only names the error (org.h2.message.DbException: OutOfMemoryError)
        RuntimeException closed = new RuntimeException("JDBC rollback; The database has been closed [90098-240]",
                new RuntimeException("The database has been closed", new RuntimeException("OutOfMemoryError")));
        assertThat(OutOfHeap.causedBy(closed)).isTrue();
    }

    @Test
    void aSuppressedErrorAndACycleOfCauses() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(OutOfHeap.causedBy(a)).isFalse();
        a.addSuppressed(new OutOfMemoryError("Java heap space"));
        assertThat(OutOfHeap.causedBy(b)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(OutOfHeap.causedBy(new UncheckedIOException(new java.io.IOException("disk full")))).isFalse();
        assertThat(OutOfHeap.causedBy(new StackOverflowError())).isFalse();
        assertThat(OutOfHeap.causedBy(null)).isFalse();
    }

    @Test
    void theAdviceNamesTheLimitAndHowToResume() {
        assertThat(OutOfHeap.advice()).contains(Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB")
                .contains("resumes at the step that failed");
        // the example is more than the limit that ran out: twice it, in whole GiB
        assertThat(OutOfHeap.advice(3072)).contains("limit is 3072 MiB").contains("TRUSTMAP_HEAP=6g");
        assertThat(OutOfHeap.advice(6144)).contains("TRUSTMAP_HEAP=12g");
        assertThat(OutOfHeap.advice(1000)).contains("TRUSTMAP_HEAP=6g");
    }

    @Test
    void theJobRepositorysOwnWords() {
        assertThat(OutOfHeap.causedBy(new RuntimeException("JDBC rollback; Out of memory.; SQL statement:"))).isTrue();
    }

    @Test
    void aThreadThatDiedOfItExplainsALaterFailure() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        try {
            OutOfHeap.forget();
            OutOfHeap.watch();
            System.setErr(new java.io.PrintStream(printed, true));
            Thread t = new Thread(() -> {
                throw new OutOfMemoryError("Java heap space");
            }, "neo4j.CheckPoint-1");
            t.start();
            t.join();
            RuntimeException closed = new RuntimeException("JDBC rollback; The database has been closed [90098-240]");

            assertThat(OutOfHeap.seen()).isTrue();
            assertThat(OutOfHeap.explains(closed)).isTrue();
            // the thread's error is still printed as the JVM prints it
            assertThat(printed.toString()).contains("Exception in thread \"neo4j.CheckPoint-1\"")
                    .contains("java.lang.OutOfMemoryError: Java heap space");
        } finally {
            System.setErr(err);
            Thread.setDefaultUncaughtExceptionHandler(before);
            OutOfHeap.forget();
        }
        assertThat(OutOfHeap.explains(new RuntimeException("The database has been closed"))).isFalse();
    }
}
