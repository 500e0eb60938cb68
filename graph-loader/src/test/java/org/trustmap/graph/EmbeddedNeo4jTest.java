package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

class EmbeddedNeo4jTest {

    @TempDir
    Path store;

    @Test
    void servesBoltOnAPortTheOsChoseAndKeepsWrittenNodes() {
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(store, "127.0.0.1", 0)) {
            assertThat(neo4j.boltPort()).isPositive();
            assertThat(neo4j.boltUri()).hasToString("bolt://127.0.0.1:" + neo4j.boltPort());
            try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
                driver.executableQuery("CREATE (:Organization {lei: $lei, name: $name})")
                        .withParameters(Map.of("lei", "5493001KJTIIGC8Y1R12", "name", "Example AG"))
                        .execute();
                var records = driver.executableQuery("MATCH (o:Organization {lei: $lei}) RETURN o.name AS name")
                        .withParameters(Map.of("lei", "5493001KJTIIGC8Y1R12"))
                        .execute().records();
                assertThat(records).singleElement()
                        .satisfies(r -> assertThat(r.get("name").asString()).isEqualTo("Example AG"));
            }
        }
        assertThat(store.resolve("logs/debug.log")).exists();
    }

    @Test
    void closeTwiceIsHarmless() {
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(store, "127.0.0.1", 0);
        neo4j.close();
        neo4j.close();
    }

    @Test
    void restartOnTheSameStoreKeepsTheData() {
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(store, "127.0.0.1", 0);
             Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            driver.executableQuery("CREATE (:Product {id: 'cam-1'})").execute();
        }
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(store, "127.0.0.1", 0);
             Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            long count = driver.executableQuery("MATCH (p:Product {id: 'cam-1'}) RETURN count(p) AS c")
                    .execute().records().get(0).get("c").asLong();
            assertThat(count).isEqualTo(1);
        }
    }

    @Test
    void aStoreWhoseFirstStartNeverCompletedIsSetAsideAndCreatedAnew() throws IOException {
        // what a kill during the store's creation can leave: a data folder Neo4j cannot open (constructed here as
        // a file where the system database's folder belongs), and no marker of a completed first start
        java.nio.file.Files.createDirectories(store.resolve("data/databases"));
        java.nio.file.Files.writeString(store.resolve("data/databases/system"), "not a folder");

        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(store, "127.0.0.1", 0);
             Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            driver.executableQuery("CREATE (:Product {id: 'cam-1'})").execute();
        }

        assertThat(store.resolve(EmbeddedNeo4j.STARTED_MARKER)).exists();
        try (var aside = java.nio.file.Files.list(store)) {
            assertThat(aside.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("data.incomplete-"));
        }
    }

    @Test
    void aStoreThatHasStartedBeforeIsNeverSetAsideWhenItFailsToOpen() throws IOException {
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(store, "127.0.0.1", 0)) {
            assertThat(store.resolve(EmbeddedNeo4j.STARTED_MARKER)).exists();
        }
        Path databases = store.resolve("data/databases/system");
        java.nio.file.Files.move(databases, store.resolve("system.moved"));
        java.nio.file.Files.writeString(databases, "not a folder");

        assertThatThrownBy(() -> EmbeddedNeo4j.start(store, "127.0.0.1", 0))
                .isInstanceOf(EmbeddedNeo4jException.class)
                .hasMessageContaining("Neo4j failed to start with store");
        assertThat(databases).isRegularFile();
        try (var files = java.nio.file.Files.list(store)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("data.incomplete-"));
        }
    }

    @Test
    void aTakenBoltPortFailsWithAClearMessageAndLeavesNoThreads() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Set<Thread> before = liveNonDaemonThreads();
            assertThatThrownBy(() -> EmbeddedNeo4j.start(store, "127.0.0.1", port))
                    .isInstanceOf(EmbeddedNeo4jException.class)
                    .hasMessage("Bolt port 127.0.0.1:" + port + " is already in use; choose another with "
                            + "--bolt-port or stop the other process");
            assertNoNewNonDaemonThreads(before);
        }
    }

    @Test
    void aSecondServerOnTheSameStoreFailsWithTheStoreLockMessage() {
        try (EmbeddedNeo4j first = EmbeddedNeo4j.start(store, "127.0.0.1", 0)) {
            Set<Thread> before = liveNonDaemonThreads();
            assertThatThrownBy(() -> EmbeddedNeo4j.start(store, "127.0.0.1", 0))
                    .isInstanceOf(EmbeddedNeo4jException.class)
                    .hasMessageContaining(store.toAbsolutePath().toString())
                    .hasMessageContaining("another trustmap (e.g. `trustmap serve`) has it open");
            assertNoNewNonDaemonThreads(before);
        }
    }

    @Test
    void aStoreOpenInAnotherProcessFailsWithTheStoreLockMessage() throws Exception {
        Process holder = StoreHolder.launch(store);
        try {
            String ready = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(ready).as("the other process reports its server").startsWith("READY ");
            assertThatThrownBy(() -> EmbeddedNeo4j.start(store, "127.0.0.1", 0))
                    .isInstanceOf(EmbeddedNeo4jException.class)
                    .hasMessageContaining(store.toAbsolutePath().toString())
                    .hasMessageContaining("another trustmap (e.g. `trustmap serve`) has it open");
        } finally {
            holder.getOutputStream().close(); // the holder shuts down when its stdin ends
            if (!holder.waitFor(2, TimeUnit.MINUTES)) {
                holder.destroyForcibly();
            }
        }
        assertThat(holder.exitValue()).isZero();
    }

    @Test
    void aNonLoopbackHostIsRefusedBecauseAuthIsOff() {
        assertThatThrownBy(() -> EmbeddedNeo4j.start(store, "192.0.2.1", 0))
                .isInstanceOf(EmbeddedNeo4jException.class)
                .hasMessageContaining("not a loopback address");
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    /** Threads may take a moment to finish after shutdown; wait for them, but never assert how long it took. */
    private static void assertNoNewNonDaemonThreads(Set<Thread> before) {
        List<Thread> left = new ArrayList<>();
        for (int attempt = 0; attempt < 300; attempt++) {
            left = liveNonDaemonThreads().stream().filter(t -> !before.contains(t)).toList();
            if (left.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(left.stream().map(Thread::getName).toList()).as("non-daemon threads left by a failed start")
                .isEmpty();
    }

    /** A separate JVM that opens a store and holds it until its stdin closes. */
    static final class StoreHolder {
        public static void main(String[] args) throws IOException {
            try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(Path.of(args[0]), "127.0.0.1", 0)) {
                System.out.println("READY " + neo4j.boltPort());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close our stdin
                }
            }
        }

        static Process launch(Path store) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx512m");
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith("--add-opens") || arg.startsWith("--enable-native-access")
                        || arg.startsWith("-Dio.netty") || arg.startsWith("-Djdk.nio") || arg.startsWith("-XX:")) {
                    command.add(arg);
                }
            }
            command.add("-cp");
            command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
            command.add(StoreHolder.class.getName());
            command.add(store.toAbsolutePath().toString());
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        }
    }
}
