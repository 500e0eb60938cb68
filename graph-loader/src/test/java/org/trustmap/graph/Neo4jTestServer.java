package org.trustmap.graph;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * JUnit 5 extension: one embedded Neo4j per test JVM (Bolt on a loopback port chosen by the OS, store in a temp
 * folder), shared by every test class that uses it and shut down when the test run ends.
 *
 * <pre>{@code
 * @ExtendWith(Neo4jTestServer.class)
 * class LoaderTest {
 *     @BeforeEach void empty(Driver driver) { Neo4jTestServer.clear(driver); }
 *     @Test void loads(Driver driver) { ... }
 * }
 * }</pre>
 *
 * <p>Tests get a {@link Driver} as a parameter of a test method, lifecycle method or constructor, or through
 * {@link #driver()}. The database is shared: give each test its own data with {@link #clear(Driver)} or distinct
 * keys. Do not close the driver; the extension does.
 */
public final class Neo4jTestServer implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Neo4jTestServer.class);

    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Driver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context).driver;
    }

    /** The shared driver; only valid in a test class extended with {@code Neo4jTestServer}. */
    public static Driver driver() {
        return current().driver;
    }

    /** The shared embedded server; only valid in a test class extended with {@code Neo4jTestServer}. */
    public static EmbeddedNeo4j server() {
        return current().neo4j;
    }

    /**
     * Deletes every node and relationship, in batches, in an auto-commit transaction. Constraints and indexes stay.
     */
    public static void clear(Driver driver) {
        try (Session session = driver.session()) {
            session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS").consume();
        }
    }

    private static Running current() {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("No embedded Neo4j: annotate the test class with "
                    + "@ExtendWith(Neo4jTestServer.class)");
        }
        return r;
    }

    private static Running running(ExtensionContext context) {
        // The root store lives for the whole test run; JUnit closes its AutoCloseable values at the end.
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Running.class, type -> new Running(), Running.class);
    }

    /** The server, its temp store and the driver; closed by JUnit when the root context closes. */
    private static final class Running implements AutoCloseable {
        private final Path storeDir;
        private final EmbeddedNeo4j neo4j;
        private final Driver driver;

        Running() {
            try {
                storeDir = Files.createTempDirectory("trustmap-neo4j-test-");
            } catch (IOException e) {
                throw new IllegalStateException("Cannot create a temp folder for the test Neo4j", e);
            }
            neo4j = EmbeddedNeo4j.start(storeDir, "127.0.0.1", 0);
            try {
                driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none());
                driver.verifyConnectivity();
            } catch (RuntimeException e) {
                neo4j.close();
                throw e;
            }
            running = this;
        }

        @Override
        public void close() throws IOException {
            running = null;
            try {
                driver.close();
            } finally {
                neo4j.close();
                deleteRecursively(storeDir);
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
