package org.trustmap.crawler.fetch.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.trustmap.crawler.fetch.FetcherConfig.HostQuota;

/**
 * Per-host politeness: a next-allowed-fetch time per host (delay after each response, Crawl-delay, Retry-After)
 * and the host's documented quota (requests per window, requests in flight). {@link #reserve} computes the wait and
 * books the slot; the caller sleeps and then calls {@link #acquire}/{@link #release} around the request.
 */
public final class HostGate {
    private final Clock clock;
    private final Duration defaultDelay;
    private final Map<String, HostQuota> quotas;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    private static final class Host {
        Instant nextAllowed = Instant.MIN;
        Duration delay;
        final ArrayDeque<Instant> window = new ArrayDeque<>();
        final Semaphore inFlight;
        final HostQuota quota;

        Host(Duration delay, HostQuota quota) {
            this.delay = delay;
            this.quota = quota;
            this.inFlight = quota != null && quota.maxConcurrent() > 0 ? new Semaphore(quota.maxConcurrent(), true)
                    : null;
        }
    }

    public HostGate(Clock clock, Duration defaultDelay, Map<String, HostQuota> quotas) {
        this.clock = clock;
        this.defaultDelay = defaultDelay;
        this.quotas = Map.copyOf(quotas);
    }

    private Host host(String name) {
        return hosts.computeIfAbsent(name, n -> new Host(defaultDelay, quotas.get(n)));
    }

    /** Sets the pause between requests to a host (from robots.txt Crawl-delay, already capped). */
    public void delay(String name, Duration delay) {
        Host h = host(name);
        synchronized (h) {
            h.delay = delay;
        }
    }

    public Duration delay(String name) {
        Host h = host(name);
        synchronized (h) {
            return h.delay;
        }
    }

    /**
     * Books the next slot for a host and returns how long to wait for it, or empty (nothing booked) if the wait
     * would exceed {@code maxWait}.
     */
    public Optional<Duration> reserve(String name, Duration maxWait) {
        Host h = host(name);
        synchronized (h) {
            Instant now = clock.instant();
            Instant start = h.nextAllowed.isAfter(now) ? h.nextAllowed : now;
            HostQuota q = h.quota;
            if (q != null && q.requests() > 0) {
                while (!h.window.isEmpty() && !h.window.peekFirst().plus(q.per()).isAfter(start)) {
                    h.window.pollFirst();
                }
                if (h.window.size() >= q.requests()) {
                    Instant freed = h.window.peekFirst().plus(q.per());
                    start = freed.isAfter(start) ? freed : start;
                }
            }
            Duration wait = Duration.between(now, start);
            if (wait.compareTo(maxWait) > 0) {
                return Optional.empty();
            }
            if (q != null && q.requests() > 0) {
                h.window.addLast(start);
            }
            h.nextAllowed = start.plus(h.delay);
            return Optional.of(wait);
        }
    }

    /** Waits for a free in-flight slot of the host's quota (one query at a time for Wikidata). */
    public void acquire(String name) throws InterruptedException {
        Host h = host(name);
        if (h.inFlight != null) {
            h.inFlight.acquire();
        }
    }

    /** After a response: the next request to the host waits at least the host's delay from now. */
    public void release(String name) {
        Host h = host(name);
        synchronized (h) {
            Instant after = clock.instant().plus(h.delay);
            if (after.isAfter(h.nextAllowed)) {
                h.nextAllowed = after;
            }
        }
        if (h.inFlight != null) {
            h.inFlight.release();
        }
    }

    /** The whole host waits until then (Retry-After). */
    public void pauseUntil(String name, Instant until) {
        Host h = host(name);
        synchronized (h) {
            if (until.isAfter(h.nextAllowed)) {
                h.nextAllowed = until;
            }
        }
    }

    /** When the next request to the host may start. */
    public Instant nextAllowed(String name) {
        Host h = host(name);
        synchronized (h) {
            return h.nextAllowed;
        }
    }
}
