package org.trustmap.app.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.trustmap.app.Workspace;
import picocli.CommandLine.Option;

/** Options every command shares: where the state lives and which graph to use. */
public class HomeOptions {
    @Option(names = "--home", paramLabel = "DIR", description = "Home folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:TRUSTMAP_HOME:-./var}")
    Path home;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder with profiles/, ontology/, demo/ (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:TRUSTMAP_DATA:-./data}")
    Path data;

    @Option(names = "--neo4j-uri", paramLabel = "URI",
            description = "External Neo4j (bolt:// or neo4j://); user/password from NEO4J_USERNAME/NEO4J_PASSWORD. Default: the embedded database under the home folder.")
    URI neo4jUri;

    @Option(names = "--bolt-port", paramLabel = "PORT", description = "Bolt port of the embedded database (default: ${DEFAULT-VALUE}; 0 = any free port).")
    Integer boltPort;

    int boltPort(int fallback) {
        return boltPort == null ? fallback : boltPort;
    }

    Workspace workspace(int defaultBoltPort) {
        return new Workspace(home, data, Optional.ofNullable(neo4jUri), boltPort(defaultBoltPort));
    }
}
