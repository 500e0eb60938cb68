package org.trustmap.crawler.sources;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/** A loopback HTTP server (127.0.0.1, ephemeral port) answering real fixtures at a source's real endpoint paths. */
final class FixtureServer implements AutoCloseable {
    private final HttpServer server;

    FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    /** Answers {@code path} with the test resource {@code fixtures/<fixture>}. */
    void serve(String path, String fixture, String contentType) throws IOException {
        serve(path, Files.readAllBytes(Path.of("src/test/resources/fixtures").resolve(fixture)), contentType);
    }

    /** Answers {@code path} with these bytes (e.g. a zip a test built from a fixture). */
    void serve(String path, byte[] body, String contentType) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
