package org.trustmap.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.trustmap.app.TrustmapApplication;
import org.trustmap.app.batch.RefreshRequest;
import org.trustmap.app.batch.RefreshRunner;
import org.trustmap.crawler.SourceCatalog;
import org.trustmap.graph.Profile;

/** Runs the {@code refresh} job in a Spring Boot context and prints what it did. */
final class RefreshSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RefreshSupport() {
    }

    /** Checks a request before anything starts: known sources, existing files, an existing profile. */
    static void validate(RefreshRequest request, HomeOptions home) throws IOException {
        for (RefreshRequest.Input input : request.inputs()) {
            if (!SourceCatalog.ids().contains(input.source())) {
                throw new BadInputException("unknown source '" + input.source() + "' in --input; known sources: "
                        + String.join(", ", SourceCatalog.ids()));
            }
            if (!Files.exists(Path.of(input.path()))) {
                throw new BadInputException(input.source() + ": " + input.path() + ": no such file or folder");
            }
        }
        if (request.replay() != null && !Files.exists(Path.of(request.replay()))) {
            throw new BadInputException("--replay " + request.replay() + ": no such file or folder");
        }
        Profile.load(home.data.resolve("profiles"), request.profile());
        if (!Files.isRegularFile(home.data.resolve("ontology/shapes.ttl"))) {
            throw new BadInputException(home.data.toAbsolutePath() + " is not a Trustmap data folder (no ontology/shapes.ttl); use --data");
        }
    }

    static int run(RefreshRequest request, HomeOptions home, PrintWriter out, PrintWriter err) throws Exception {
        return run(request, home, out, err, outcome -> { });
    }

    /** As {@link #run(RefreshRequest, HomeOptions, PrintWriter, PrintWriter)}, handing the outcome to a caller (bench). */
    static int run(RefreshRequest request, HomeOptions home, PrintWriter out, PrintWriter err,
                   java.util.function.Consumer<RefreshRunner.Outcome> after) throws Exception {
        return run(request, home, out, err, after, List.of());
    }

    /** As above, with more {@code --trustmap.x=y} settings (the bench chooses the first load's path). */
    static int run(RefreshRequest request, HomeOptions home, PrintWriter out, PrintWriter err,
                   java.util.function.Consumer<RefreshRunner.Outcome> after, List<String> extraSettings) throws Exception {
        validate(request, home);
        Path homeDir = home.home.toAbsolutePath().normalize();
        Files.createDirectories(homeDir);
        try (FileChannel lockFile = FileChannel.open(homeDir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = tryLock(lockFile, homeDir)) {
            // given as arguments, these win over application.properties and the environment
            List<String> given = new java.util.ArrayList<>(List.of(
                "--trustmap.home=" + homeDir,
                "--trustmap.data=" + home.data.toAbsolutePath().normalize(),
                "--trustmap.profile=" + request.profile(),
                "--trustmap.neo4j.uri=" + (home.neo4jUri == null ? "" : home.neo4jUri),
                "--trustmap.neo4j.bolt-port=" + home.boltPort(0)));
            given.addAll(extraSettings);
            String[] settings = given.toArray(String[]::new);
            SpringApplicationBuilder builder = new SpringApplicationBuilder(TrustmapApplication.class)
                    .web(WebApplicationType.NONE).logStartupInfo(false);
            try (ConfigurableApplicationContext context = builder.run(settings)) {
                context.getBean(org.trustmap.app.Workspace.class).warmUp();
                RefreshRunner.Outcome outcome = context.getBean(RefreshRunner.class).run(request);
                after.accept(outcome);
                return report(outcome, homeDir, out, err);
            }
        }
    }

    private static FileLock tryLock(FileChannel channel, Path home) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new BadInputException("home folder " + home + " is in use by another trustmap process "
                    + "(refresh or serve); wait for it or use another --home");
        }
        return lock;
    }

    private static int report(RefreshRunner.Outcome outcome, Path home, PrintWriter out, PrintWriter err)
            throws IOException {
        var execution = outcome.execution();
        out.printf("refresh %s%s: %s%n", outcome.runId(), outcome.resumed() ? " (resumed after an interruption)" : "",
                execution.getStatus());
        for (StepExecution step : execution.getStepExecutions()) {
            out.printf("  %-8s %-10s read %d, written %d%n", step.getStepName(), step.getStatus(),
                    step.getReadCount(), step.getWriteCount());
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            for (Throwable t : execution.getAllFailureExceptions()) {
                err.println("trustmap: refresh failed: " + t.getMessage());
            }
            if (execution.getAllFailureExceptions().stream().anyMatch(OutOfHeap::explains)) {
                err.println(OutOfHeap.advice());
            } else {
                err.println("trustmap: run `trustmap refresh` again with the same options to resume it");
            }
            return TrustmapCommand.JOB_FAILED;
        }
        Path runDir = home.resolve("runs").resolve(outcome.runId());
        JsonNode summary = JSON.readTree(runDir.resolve("summary.json").toFile());
        JsonNode stage = JSON.readTree(runDir.resolve("stage.json").toFile());
        out.printf("  profile %s (%s)%n", summary.get("profile").asText(), summary.get("profileHash").asText().substring(0, 12));
        out.printf("  %d captures, %d records staged, %d organizations, %d products, %d facts, %d retired%n",
                summary.get("captures").asInt(), summary.get("recordsStaged").asLong(),
                summary.get("organizations").asInt(), summary.get("products").asInt(), summary.get("facts").asInt(),
                summary.get("retired").asLong());
        out.printf("  verdicts %s%n", summary.get("verdicts"));
        out.printf("  run folder %s%n", runDir);
        int problems = 0;
        // a URL the network refused is reported, but it is not bad input: the run still succeeded
        for (JsonNode refusal : summary.get("refusals")) {
            err.println("trustmap: warning: not fetched: " + refusal.asText());
        }
        for (JsonNode p : stage.get("problems")) {
            String location = p.path("location").asText("");
            err.println("trustmap: rejected " + p.path("document").asText() + (location.isEmpty() ? "" : " " + location)
                    + ": " + p.path("reason").asText() + " [" + p.path("source").asText() + "]");
            problems++;
        }
        out.flush();
        return problems == 0 ? TrustmapCommand.OK : TrustmapCommand.BAD_INPUT;
    }

    static RefreshRequest request(List<RefreshRequest.Input> inputs, Path replay, String profile,
                                  Map<String, String> sourceUrls, boolean allowPrivate) {
        return new RefreshRequest(inputs, replay == null ? null : replay.toAbsolutePath().normalize().toString(),
                profile, sourceUrls, allowPrivate);
    }
}
