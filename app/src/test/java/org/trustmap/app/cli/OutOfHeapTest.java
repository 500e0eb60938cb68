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
                .contains("TRUSTMAP_HEAP=6g").contains("resumes at the step that failed");
    }
}
