package org.trustmap.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.trustmap.app.batch.RefreshRequest;
import org.trustmap.app.crawl.SourceSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trustmap refresh}: crawl, stage, resolve, load, derive and report; resumes an interrupted run. */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Run the refresh job: crawl -> stage -> resolve -> load -> derive -> report.")
public class RefreshCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Spec
    CommandSpec spec;

    @Option(names = "--replay", paramLabel = "ARCHIVE", description = "Read a WARC evidence archive instead of the network.")
    Path replay;

    @Option(names = "--inventory", paramLabel = "FILE", description = "Inventory CSV, CycloneDX JSON or SPDX 2.3 JSON (repeatable); same as --input inventory=FILE.")
    List<Path> inventories = new ArrayList<>();

    @Option(names = "--input", paramLabel = "SOURCE=PATH", description = "Read a source from a local file or folder (repeatable).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "nukib-2025-09-03",
            description = "Exposure profile under data/profiles (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--source-url", paramLabel = "ID=URL", description = "Override a source's base URL for this run.")
    Map<String, String> sourceUrls = new LinkedHashMap<>();

    @Option(names = "--allow-private-network", description = "Let fetches reach a mirror on a private or loopback address (link-local and cloud metadata stay refused).")
    boolean allowPrivateNetwork;

    @Override
    public Integer call() throws Exception {
        List<RefreshRequest.Input> all = new ArrayList<>();
        for (String input : inputs) {
            int eq = input.indexOf('=');
            if (eq <= 0 || eq == input.length() - 1) {
                throw new BadInputException("--input '" + input + "' is not SOURCE=PATH");
            }
            all.add(new RefreshRequest.Input(input.substring(0, eq), input.substring(eq + 1)));
        }
        inventories.forEach(p -> all.add(new RefreshRequest.Input("inventory", p.toString())));
        // unknown or local-only ids and non-http(s) URLs in --source-url are bad input, before anything starts
        if (!sourceUrls.isEmpty()) {
            SourceSettings.load(home.data.resolve("sources.yml"), sourceUrls);
        }
        RefreshRequest request = RefreshSupport.request(all, replay, profile, sourceUrls, allowPrivateNetwork);
        return RefreshSupport.run(request, home, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
