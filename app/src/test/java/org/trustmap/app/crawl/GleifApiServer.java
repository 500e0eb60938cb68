package org.trustmap.app.crawl;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for {@code api.gleif.org} (127.0.0.1, ephemeral port): serves the real API fixtures at the
 * real paths, a robots.txt that allows everything, a chosen status for chosen requests, and 404 for the rest.
 */
final class GleifApiServer implements AutoCloseable {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/gleif").toAbsolutePath();
    private static final String TYPE = "application/vnd.api+json";

    private final HttpServer server;
    private final Map<String, Path> documents = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    /** Requests as {@code path?query} (query decoded). */
    final List<String> requests = new CopyOnWriteArrayList<>();

    GleifApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        serve("/api/v1/lei-records?filter[lei]=549300YX4S1LLSMK2627", "api_single_lei_record_549300YX4S1LLSMK2627.json");
        serve("/api/v1/lei-records/549300YX4S1LLSMK2627/direct-parent", "api_direct-parent_549300YX4S1LLSMK2627.json");
        serve("/api/v1/lei-records/549300YX4S1LLSMK2627/ultimate-parent", "api_ultimate-parent_549300YX4S1LLSMK2627.json");
        serve("/api/v1/lei-records/INR2EJN1ERAN0W5ZP974/ultimate-parent-reporting-exception",
                "api_ultimate-parent-reporting-exception_INR2EJN1ERAN0W5ZP974.json");
    }

    GleifApiServer serve(String pathAndQuery, String fixture) {
        documents.put(pathAndQuery, FIXTURES.resolve(fixture));
        return this;
    }

    /** Answers a request with a bare status (e.g. 500) instead. */
    GleifApiServer fail(String pathAndQuery, int status) {
        statuses.put(pathAndQuery, status);
        return this;
    }

    /** The base URL to give as {@code --source-url gleif=...}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/";
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            String query = exchange.getRequestURI().getQuery();
            String key = exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query);
            requests.add(key);
            byte[] body;
            int status;
            String type = TYPE;
            if (key.equals("/robots.txt")) {
                status = 200;
                body = "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.US_ASCII);
                type = "text/plain";
            } else if (statuses.containsKey(key)) {
                status = statuses.get(key);
                body = ("{\"errors\":[{\"status\":\"" + status + "\"}]}").getBytes(StandardCharsets.US_ASCII);
            } else if (documents.containsKey(key)) {
                status = 200;
                body = Files.readAllBytes(documents.get(key));
            } else {
                status = 404;
                body = "{\"errors\":[{\"status\":\"404\",\"title\":\"Not Found\"}]}".getBytes(StandardCharsets.US_ASCII);
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
