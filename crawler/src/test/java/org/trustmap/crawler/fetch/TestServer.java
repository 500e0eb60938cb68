package org.trustmap.crawler.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A loopback test server (127.0.0.1, ephemeral port) answering by path: each path has a queue of responses, the
 * last one repeating. {@code /robots.txt} is 404 unless given.
 */
final class TestServer implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    private final Map<String, Deque<MockResponse>> byPath = new ConcurrentHashMap<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    TestServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String path = request.getUrl().encodedPath();
                Deque<MockResponse> q = byPath.get(path);
                if (q == null || q.isEmpty()) {
                    return new MockResponse.Builder().code(404).body("not found").build();
                }
                synchronized (q) {
                    return q.size() > 1 ? q.pollFirst() : q.peekFirst();
                }
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    TestServer on(String path, MockResponse... responses) {
        Deque<MockResponse> q = byPath.computeIfAbsent(path, p -> new ArrayDeque<>());
        synchronized (q) {
            q.addAll(List.of(responses));
        }
        return this;
    }

    /** Replaces what a path answers. */
    TestServer set(String path, MockResponse... responses) {
        byPath.remove(path);
        return on(path, responses);
    }

    int port() {
        return server.getPort();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** Requests for a path, in order. */
    List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
