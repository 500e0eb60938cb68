package org.trustmap.app.batch;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.trustmap.app.Workspace;

/**
 * A step of {@code refresh}. Each step reads what the previous one left in the run folder and writes its own output
 * atomically, so a step that is re-run after a crash redoes its work from the same inputs and reaches the same state.
 */
abstract class RefreshTasklet implements Tasklet {
    static final Logger LOG = LoggerFactory.getLogger("org.trustmap.refresh");
    protected final Workspace workspace;

    RefreshTasklet(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The run id of a job execution: stable across restarts of the same job instance. */
    static String runId(JobExecution execution) {
        return String.format("run-%04d", execution.getJobInstance().getInstanceId());
    }

    @Override
    public final RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        RefreshRequest request = RefreshRequest.fromJson(job.getJobParameters().getString(RefreshJobConfiguration.REQUEST));
        String runId = runId(job);
        run(request, runId, workspace.runDir(runId), contribution);
        return RepeatStatus.FINISHED;
    }

    abstract void run(RefreshRequest request, String runId, Path runDir, StepContribution contribution)
            throws Exception;
}
