package org.trustmap.app.crawl;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for {@code api.gleif.org} (127.0.0.1, ephemeral port): serves the real API fixtures at the
 * real paths, a robots.txt that allows everything, a chosen status for chosen requests, and 404 for the rest.
 *
 * <p>Record look-ups ({@code lei-records?filter[lei]=A,B,...}) are answered, whatever the order of the LEIs, with a
 * real page captured for exactly that set when there is one ({@link #page}); otherwise the page is put together the
 * way the API does from the real records known for those LEIs ({@link #record}): {@code meta} of the first record's
 * capture, {@code data} the list of the records, LEIs without a record left out. The records in it are real; the
 * envelope around them is built here.</p>
 */
final class GleifApiServer implements AutoCloseable {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/gleif").toAbsolutePath();
    static final String APPLE_ENERGY = "549300YX4S1LLSMK2627";
    static final String APPLE_INC = "HWUPKR0MPOU8FGXBT394";
    static final String MICROSOFT = "INR2EJN1ERAN0W5ZP974";
    private static final String TYPE = "application/vnd.api+json";
    private static final String RECORDS = "/api/v1/lei-records";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Path> documents = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, Path> records = new ConcurrentHashMap<>();
    private final Map<Set<String>, Path> pages = new ConcurrentHashMap<>();
    /** Requests as {@code path?query} (query decoded). */
    final List<String> requests = new CopyOnWriteArrayList<>();

    GleifApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        record(APPLE_ENERGY, "api_single_lei_record_549300YX4S1LLSMK2627.json");
        record(APPLE_INC, "api_direct-parent_549300YX4S1LLSMK2627.json");
        record(MICROSOFT, "api_single_lei_record_INR2EJN1ERAN0W5ZP974.json");
        serve(RECORDS + "/" + APPLE_ENERGY + "/direct-parent", "api_direct-parent_549300YX4S1LLSMK2627.json");
        serve(RECORDS + "/" + APPLE_ENERGY + "/ultimate-parent", "api_ultimate-parent_549300YX4S1LLSMK2627.json");
        serve(RECORDS + "/" + APPLE_ENERGY + "/direct-parent-relationship",
                "api_direct-parent-relationship_549300YX4S1LLSMK2627.json");
        serve(RECORDS + "/" + APPLE_ENERGY + "/ultimate-parent-relationship",
                "api_ultimate-parent-relationship_549300YX4S1LLSMK2627.json");
        serve(RECORDS + "/" + MICROSOFT + "/ultimate-parent-reporting-exception",
                "api_ultimate-parent-reporting-exception_INR2EJN1ERAN0W5ZP974.json");
    }

    GleifApiServer serve(String pathAndQuery, String fixture) {
        documents.put(pathAndQuery, FIXTURES.resolve(fixture));
        return this;
    }

    /** A real capture holding this LEI's record (as {@code data}, or in a {@code data} list). */
    GleifApiServer record(String lei, String fixture) {
        records.put(lei, FIXTURES.resolve(fixture));
        return this;
    }

    /** A real page captured for exactly these LEIs. */
    GleifApiServer page(Set<String> leis, String fixture) {
        pages.put(Set.copyOf(leis), FIXTURES.resolve(fixture));
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
            int status = 200;
            String type = TYPE;
            if (key.equals("/robots.txt")) {
                body = "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.US_ASCII);
                type = "text/plain";
            } else if (statuses.containsKey(key)) {
                status = statuses.get(key);
                body = ("{\"errors\":[{\"status\":\"" + status + "\"}]}").getBytes(StandardCharsets.US_ASCII);
            } else if (documents.containsKey(key)) {
                body = Files.readAllBytes(documents.get(key));
            } else if (exchange.getRequestURI().getPath().equals(RECORDS) && query != null
                    && query.startsWith("filter[lei]=")) {
                body = recordPage(query.substring("filter[lei]=".length()).split("&", 2)[0]);
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

    private byte[] recordPage(String leiList) throws IOException {
        Set<String> leis = new TreeSet<>(Arrays.asList(leiList.split(",")));
        Path page = pages.get(leis);
        if (page != null) {
            return Files.readAllBytes(page);
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (String lei : leiList.split(",")) {
            Path file = records.get(lei);
            if (file == null) {
                continue;
            }
            JsonNode capture = JSON.readTree(file.toFile());
            if (!root.has("meta")) {
                root.set("meta", capture.path("meta"));
            }
            JsonNode d = capture.path("data");
            for (JsonNode item : d.isArray() ? d : List.of(d)) {
                if (lei.equals(item.path("attributes").path("lei").asText())) {
                    data.add(item);
                }
            }
        }
        root.set("data", root.remove("data"));
        return JSON.writeValueAsBytes(root);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
