package org.trustmap.app.batch;

import java.util.Objects;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts {@code refresh}, or resumes it. When the last refresh of the same request did not complete (it failed, or
 * the process was killed and left it STARTED), the same job instance is restarted: completed steps are skipped and
 * the interrupted step is redone. Otherwise a new instance starts. The caller holds the home folder's lock, so an
 * execution still marked running belongs to a dead process.
 */
@Component
public class RefreshRunner {
    private final JobOperator operator;
    private final JobRepository repository;
    private final Job job;

    public RefreshRunner(JobOperator operator, JobRepository repository, Job refreshJob) {
        this.operator = operator;
        this.repository = repository;
        this.job = refreshJob;
    }

    /** The outcome: the execution and whether it resumed an interrupted run. */
    public record Outcome(JobExecution execution, boolean resumed, String runId) {
    }

    public Outcome run(RefreshRequest request) throws Exception {
        String json = request.toJson();
        JobInstance last = repository.getLastJobInstance(RefreshJobConfiguration.NAME);
        long sequence = 1;
        if (last != null) {
            JobExecution lastExecution = repository.getLastJobExecution(last);
            JobParameters lastParams = lastExecution == null ? null : lastExecution.getJobParameters();
            Long lastSequence = lastParams == null ? null : lastParams.getLong(RefreshJobConfiguration.SEQUENCE);
            sequence = (lastSequence == null ? 0 : lastSequence) + 1;
            if (lastExecution == null) {
                // a process killed between creating the job instance and its first execution left an instance with
                // nothing to resume and unknown parameters: start a new one whose sequence cannot collide with it
                sequence = last.getInstanceId() + 1;
            }
            if (lastExecution != null && lastExecution.getStatus() != BatchStatus.COMPLETED
                    && lastExecution.getStatus() != BatchStatus.ABANDONED
                    && Objects.equals(json, lastParams.getString(RefreshJobConfiguration.REQUEST))) {
                if (lastExecution.getStatus().isRunning()) {
                    lastExecution = operator.recover(lastExecution);
                }
                JobExecution resumed = operator.start(job, lastParams);
                return new Outcome(resumed, true, RefreshTasklet.runId(resumed));
            }
        }
        JobParameters params = new JobParametersBuilder()
                .addString(RefreshJobConfiguration.REQUEST, json, true)
                .addLong(RefreshJobConfiguration.SEQUENCE, sequence, true)
                .toJobParameters();
        JobExecution execution = operator.start(job, params);
        return new Outcome(execution, false, RefreshTasklet.runId(execution));
    }
}
