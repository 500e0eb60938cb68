package org.trustmap.app.batch;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.trustmap.app.Workspace;
import org.trustmap.app.crawl.CrawlerProperties;

/**
 * The {@code refresh} job: crawl -> stage -> resolve -> load -> derive -> report. Restartable from the JDBC job
 * repository: completed steps are skipped on restart, an interrupted step is redone from its inputs.
 */
@Configuration(proxyBeanMethods = false)
public class RefreshJobConfiguration {
    public static final String NAME = "refresh";
    /** The identifying job parameter: the request as JSON. */
    public static final String REQUEST = "request";
    /** The identifying job parameter that makes each new refresh its own job instance. */
    public static final String SEQUENCE = "sequence";

    @Bean
    Job refreshJob(JobRepository repository, PlatformTransactionManager tx, Workspace workspace,
                   CrawlerProperties crawler, StageProperties stage, LoadProperties load) {
        return new JobBuilder(NAME, repository)
                .start(crawlStep(workspace, crawler, repository, tx))
                .next(step("stage", new StageTasklet(workspace, stage), repository, tx))
                .next(step("resolve", new ResolveTasklet(workspace), repository, tx))
                .next(step("load", new LoadTasklet(workspace, load), repository, tx))
                .next(step("derive", new DeriveTasklet(workspace), repository, tx))
                .next(step("report", new ReportTasklet(workspace), repository, tx))
                .build();
    }

    /**
     * The crawl, partitioned: local inputs, the replayed archive and each fetched source are partitions that run in
     * parallel threads (they reach different hosts; each has its own fetcher and politeness), each a restartable step
     * execution of its own. With spring-batch-integration the same partitions can be sent to remote workers.
     */
    private static Step crawlStep(Workspace workspace, CrawlerProperties crawler, JobRepository repository,
                                  PlatformTransactionManager tx) {
        CrawlPartitions partitions = new CrawlPartitions(workspace);
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("crawl-");
        threads.setConcurrencyLimit(CrawlPartitions.ALL.size());
        return new StepBuilder("crawl", repository)
                .partitioner("crawl-source", partitions)
                .step(step("crawl-source", new CrawlTasklet(workspace, crawler), repository, tx))
                .taskExecutor(threads)
                .gridSize(CrawlPartitions.ALL.size())
                .aggregator(partitions)
                .listener(new StepLog())
                .build();
    }

    private static Step step(String name, RefreshTasklet tasklet, JobRepository repository,
                             PlatformTransactionManager tx) {
        return new StepBuilder(name, repository).tasklet(tasklet, tx).listener(new StepLog()).build();
    }

}
