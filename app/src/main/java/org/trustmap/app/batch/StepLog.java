package org.trustmap.app.batch;

import java.time.Duration;
import java.time.LocalDateTime;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * One log line when a step of {@code refresh} starts and one when it ends, with its status and seconds: the progress
 * a nightly job's log shows, and the marker by which the crash-safety test knows which step it interrupts.
 */
final class StepLog implements StepExecutionListener {
    @Override
    public void beforeStep(StepExecution step) {
        RefreshTasklet.LOG.info("step {}: started", step.getStepName());
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        LocalDateTime start = step.getStartTime();
        double seconds = start == null ? 0 : Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0;
        RefreshTasklet.LOG.info("step {}: {} in {} s", step.getStepName(), step.getStatus(),
                String.format(java.util.Locale.ROOT, "%.1f", seconds));
        return step.getExitStatus();
    }
}
