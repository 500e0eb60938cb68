package org.trustmap.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.locker.FileLockException;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * An embedded Neo4j Community server that clients reach over Bolt, like any other Neo4j server.
 *
 * <pre>{@code
 * try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(Path.of("var/neo4j"), "127.0.0.1", 7687);
 *      Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
 *     driver.executableQuery("RETURN 1").execute();
 * }
 * }</pre>
 *
 * <p>Authentication is off, so the server only listens on a loopback address. Neo4j writes its logs to
 * {@code <storeDir>/logs} ({@code debug.log}, {@code neo4j.log}), not to the console. The database files live under
 * {@code <storeDir>/data}; only one process at a time may open a store.
 *
 * <p>Bolt threads are not daemon threads: always {@link #close()} (try-with-resources or a container's destroy
 * method). A JVM shutdown hook closes the server on Ctrl-C / SIGTERM too.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    /** Page cache for the embedded server: enough for the Trustmap graph, modest for a laptop. */
    static final long PAGE_CACHE_BYTES = ByteUnit.mebiBytes(256);

    private static final String LOGS_FOLDER = "logs";
    private static final String USER_LOG_FILE = "neo4j.log";

    /** Written after the first start of a store completed: a store without it never held anything written. */
    static final String STARTED_MARKER = ".trustmap-started";
    private final Path storeDir;
    private final String host;
    private final int boltPort;
    private final DatabaseManagementService service;
    private final Log4jLogProvider userLog;
    private final OutputStream userLogStream;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedNeo4j(Path storeDir, String host, int boltPort, DatabaseManagementService service,
                          Log4jLogProvider userLog, OutputStream userLogStream) {
        this.storeDir = storeDir;
        this.host = host;
        this.boltPort = boltPort;
        this.service = service;
        this.userLog = userLog;
        this.userLogStream = userLogStream;
        this.shutdownHook = new Thread(this::close, "trustmap-neo4j-shutdown");
    }

    /**
     * Starts Neo4j with its store under {@code storeDir} (created if missing) and Bolt on {@code host:boltPort}.
     *
     * @param storeDir  folder for the database files and Neo4j's logs
     * @param host      a loopback address or name ({@code 127.0.0.1}, {@code ::1}, {@code localhost})
     * @param boltPort  the Bolt port, or 0 to let the operating system choose (read it back with {@link #boltPort()})
     * @throws EmbeddedNeo4jException if the port is taken, another process has the store open, or Neo4j fails to
     *                                start; no Neo4j thread is left running
     */
    public static EmbeddedNeo4j start(Path storeDir, String host, int boltPort) {
        Objects.requireNonNull(storeDir, "storeDir");
        Path home = storeDir.toAbsolutePath().normalize();
        Path marker = home.resolve(STARTED_MARKER);
        boolean startedBefore = Files.exists(marker);
        EmbeddedNeo4j neo4j;
        try {
            neo4j = startOnce(storeDir, host, boltPort);
        } catch (EmbeddedNeo4jException e) {
            if (startedBefore || !Files.isDirectory(home.resolve("data")) || lockedOrPortTaken(e)) {
                throw e;
            }
            // A process killed while Neo4j created this store for the first time can leave it unopenable. It never
            // started, so it holds nothing that was written: set it aside (kept for inspection) and create it anew.
            Path aside = home.resolve("data.incomplete-" + System.currentTimeMillis());
            try {
                Files.move(home.resolve("data"), aside);
            } catch (IOException moveFailure) {
                e.addSuppressed(moveFailure);
                throw e;
            }
            org.slf4j.LoggerFactory.getLogger(EmbeddedNeo4j.class).warn("The Neo4j store {} never finished its first "
                    + "start (its creation was interrupted) and does not open: moved to {} and created anew", home, aside);
            neo4j = startOnce(storeDir, host, boltPort);
        }
        if (!startedBefore) {
            try {
                Files.writeString(marker, "the first start of this store completed\n");
            } catch (IOException e) {
                neo4j.close();
                throw new EmbeddedNeo4jException("Cannot write " + marker + ": " + e.getMessage(), e);
            }
        }
        return neo4j;
    }

    private static boolean lockedOrPortTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FileLockException || t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static EmbeddedNeo4j startOnce(Path storeDir, String host, int boltPort) {
        Objects.requireNonNull(host, "host");
        if (boltPort < 0 || boltPort > 65_535) {
            throw new EmbeddedNeo4jException("Bolt port " + boltPort + " is out of range 0-65535");
        }
        requireLoopback(host);
        Path home = storeDir.toAbsolutePath().normalize();
        Path logs = home.resolve(LOGS_FOLDER);
        OutputStream userLogStream;
        try {
            Files.createDirectories(logs);
            userLogStream = Files.newOutputStream(logs.resolve(USER_LOG_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new EmbeddedNeo4jException("Cannot create the Neo4j store folder " + home + ": " + e.getMessage(), e);
        }
        Log4jLogProvider userLog = new Log4jLogProvider(userLogStream, Level.INFO);

        DatabaseManagementService service = null;
        try {
            service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(settings(logs, host, boltPort))
                    .setUserLogProvider(userLog)
                    .build();
            int actualPort = boltPortOf(service);
            EmbeddedNeo4j neo4j = new EmbeddedNeo4j(home, host, actualPort, service, userLog, userLogStream);
            Runtime.getRuntime().addShutdownHook(neo4j.shutdownHook);
            // Neo4j itself logs the configured address, which says port 0 when the OS chose it.
            userLog.getLog(EmbeddedNeo4j.class).info("Trustmap: Bolt listening on %s", neo4j.boltUri());
            return neo4j;
        } catch (Throwable startFailure) {
            // Bolt threads are not daemons: never leave a half-started server behind.
            if (service != null) {
                try {
                    service.shutdown();
                } catch (Throwable shutdownFailure) {
                    startFailure.addSuppressed(shutdownFailure);
                }
            }
            closeQuietly(userLog, userLogStream);
            throw translate(startFailure, home, host, boltPort);
        }
    }

    /** The Bolt address, e.g. {@code bolt://127.0.0.1:7687}. */
    public URI boltUri() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("bolt://" + h + ":" + boltPort);
    }

    /** The port Bolt listens on (the one the operating system chose when started with port 0). */
    public int boltPort() {
        return boltPort;
    }

    /** The folder holding the database files and Neo4j's logs. */
    public Path storeDir() {
        return storeDir;
    }

    /** Shuts Neo4j down (checkpointing the store). Calling it again does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (Thread.currentThread() != shutdownHook) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // the hook is running or about to; shutting down here as well is harmless
        }
        try {
            service.shutdown();
        } finally {
            closeQuietly(userLog, userLogStream);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedNeo4j[" + boltUri() + ", store " + storeDir + "]";
    }

    private static Map<Setting<?>, Object> settings(Path logs, String host, int boltPort) {
        Map<Setting<?>, Object> s = new HashMap<>();
        s.put(BoltConnector.enabled, true);
        s.put(BoltConnector.listen_address, new SocketAddress(host, boltPort));
        s.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        s.put(HttpConnector.enabled, false);
        s.put(HttpsConnector.enabled, false);
        s.put(GraphDatabaseSettings.auth_enabled, false);
        s.put(GraphDatabaseSettings.udc_enabled, false);
        s.put(GraphDatabaseSettings.preallocate_logical_logs, false);
        s.put(GraphDatabaseSettings.pagecache_memory, PAGE_CACHE_BYTES);
        s.put(GraphDatabaseSettings.logs_directory, logs);
        // Without this every Bolt connector waits netty's 5 s quiet period on shutdown.
        s.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        s.put(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));
        return s;
    }

    private static int boltPortOf(DatabaseManagementService service) {
        GraphDatabaseAPI system = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        HostnamePort address = system.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        if (address == null) {
            throw new EmbeddedNeo4jException("Neo4j started but its Bolt connector did not register a port");
        }
        return address.getPort();
    }

    private static void requireLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            if (!InetAddress.getByName(bare).isLoopbackAddress()) {
                throw new EmbeddedNeo4jException("Bolt host " + host + " is not a loopback address; the embedded "
                        + "Neo4j runs without authentication and only listens on 127.0.0.1, ::1 or localhost");
            }
        } catch (UnknownHostException e) {
            throw new EmbeddedNeo4jException("Bolt host " + host + " is unknown", e);
        }
    }

    private static EmbeddedNeo4jException translate(Throwable failure, Path home, String host, int port) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EmbeddedNeo4jException e) {
                return e;
            }
            if (t instanceof FileLockException) {
                return new EmbeddedNeo4jException("The Neo4j store " + home + " is locked by another process: "
                        + "another trustmap (e.g. `trustmap serve`) has it open. Stop it, or use another store "
                        + "folder", failure);
            }
            if (t instanceof BindException) {
                return new EmbeddedNeo4jException("Bolt port " + host + ":" + port + " is already in use; choose "
                        + "another with --bolt-port or stop the other process", failure);
            }
        }
        return new EmbeddedNeo4jException("Neo4j failed to start with store " + home + ": " + failure
                + " (see " + home.resolve(LOGS_FOLDER).resolve("debug.log") + ")", failure);
    }

    private static void closeQuietly(Log4jLogProvider userLog, OutputStream stream) {
        try {
            userLog.close();
        } catch (RuntimeException ignored) {
            // nothing to do: the log is best effort
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // nothing to do: the log is best effort
        }
    }
}
