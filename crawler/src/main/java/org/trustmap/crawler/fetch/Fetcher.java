package org.trustmap.crawler.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.Connection;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.archive.HttpExchange;
import org.trustmap.crawler.archive.Truncation;
import org.trustmap.crawler.archive.Validators;
import org.trustmap.crawler.fetch.internal.AddressClass;
import org.trustmap.crawler.fetch.internal.AddressPolicy;
import org.trustmap.crawler.fetch.internal.BodyReader;
import org.trustmap.crawler.fetch.internal.CharsetDetector;
import org.trustmap.crawler.fetch.internal.ForbiddenAddressException;
import org.trustmap.crawler.fetch.internal.GuardedDns;
import org.trustmap.crawler.fetch.internal.GuardedSocketFactory;
import org.trustmap.crawler.fetch.internal.HostGate;
import org.trustmap.crawler.fetch.internal.RetryAfter;
import org.trustmap.crawler.fetch.internal.RobotsCache;

/**
 * The one way Trustmap reads the network. Each {@link #fetch} checks the scheme and the address, reads robots.txt,
 * waits its turn for the host, sends a conditional GET, retries transient failures with backoff and jitter,
 * follows redirects itself (each hop checked again), reads the body within size and time limits, and archives
 * every response to WARC before returning. HTTP status is data: {@code fetch} never throws.
 */
public final class Fetcher implements AutoCloseable {
    /** The crawl log: one line per {@link #fetch}, refusals at WARN. */
    public static final String CRAWL_LOG = "org.trustmap.crawler.fetch.CrawlLog";
    /** Source id under which robots.txt responses are archived. */
    public static final String ROBOTS_SOURCE = "robots";
    private static final Logger LOG = LoggerFactory.getLogger(CRAWL_LOG);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<Integer> TRANSIENT = Set.of(429, 500, 502, 503, 504);
    private static final long ROBOTS_MAX_BYTES = 512 * 1024;

    private final FetcherConfig config;
    private final EvidenceArchive archive;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AddressPolicy policy;
    private final OkHttpClient client;
    private final HostGate gate;
    private final RobotsCache robots;
    private final BodyReader bodyReader;
    private final BodyReader robotsReader;

    public Fetcher(FetcherConfig config, EvidenceArchive archive) {
        this(config, archive, new SimpleMeterRegistry(), Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** With an injected meter registry, clock and sleeper (tests wait on a fake clock, not in real time). */
    public Fetcher(FetcherConfig config, EvidenceArchive archive, MeterRegistry registry, Clock clock,
                   Sleeper sleeper) {
        this.config = config;
        this.archive = archive;
        this.registry = registry;
        this.clock = clock;
        this.sleeper = sleeper;
        this.policy = new AddressPolicy(config.allowPrivateNetwork(), config.loopbackPorts());
        this.gate = new HostGate(clock, config.defaultDelay(), config.quotas());
        this.robots = new RobotsCache(config.robotsName(), config.robotsTtl(), config.robotsErrorTtl());
        this.bodyReader = new BodyReader(config.maxBodyBytes(), config.maxResponseTime(),
                config.maxDecompressionRatio());
        this.robotsReader = new BodyReader(ROBOTS_MAX_BYTES, config.maxResponseTime(), config.maxDecompressionRatio());
        this.client = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .proxy(Proxy.NO_PROXY)
                .dns(new GuardedDns(policy, Dns.SYSTEM))
                .socketFactory(new GuardedSocketFactory(policy))
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .addNetworkInterceptor(chain -> {
                    Connection connection = chain.connection();
                    Peer peer = chain.request().tag(Peer.class);
                    if (connection != null) {
                        Socket socket = connection.socket();
                        policy.check(chain.request().url().host(), socket.getInetAddress(), socket.getPort());
                        if (peer != null) {
                            peer.address = socket.getInetAddress();
                        }
                    }
                    if (peer != null) {
                        peer.requestHeaders = chain.request().headers();
                    }
                    return chain.proceed(chain.request());
                })
                .build();
        if (config.allowPrivateNetwork()) {
            LOG.warn("allow-private-network is ON: loopback and private addresses may be fetched "
                    + "(link-local and cloud metadata addresses stay refused)");
        }
    }

    /** Fetches a URL for a source. Never throws for network or HTTP problems: they are outcomes. */
    public FetchOutcome fetch(String sourceId, URI url) {
        long started = System.nanoTime();
        Call call = new Call(sourceId);
        FetchOutcome outcome;
        try {
            outcome = follow(call, url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new Failed(url.toString(), "interrupted", true, call.attempts, call.lastStatus);
        } catch (IOException | RuntimeException e) {
            outcome = new Failed(url.toString(), e.toString(), false, call.attempts, call.lastStatus);
        }
        record(call, outcome, System.nanoTime() - started);
        return outcome;
    }

    /** When the next request to a host may start (politeness, Crawl-delay, Retry-After, quota). */
    public Instant nextAllowedFetch(String host) {
        return gate.nextAllowed(host);
    }

    /** The pause between two requests to a host: the default delay or its robots.txt Crawl-delay, capped. */
    public Duration hostDelay(String host) {
        return gate.delay(host);
    }

    public FetcherConfig config() {
        return config;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Per-call bookkeeping for the crawl log. */
    private static final class Call {
        final String sourceId;
        int attempts;
        int lastStatus;
        long bytes;

        Call(String sourceId) {
            this.sourceId = sourceId;
        }
    }

    /** Filled by the network interceptor: what was really sent, and to which address. */
    private static final class Peer {
        volatile InetAddress address;
        volatile Headers requestHeaders;
    }

    /** One request's result, before retry and redirect decisions. */
    private record Attempt(HttpExchange exchange, Capture capture, boolean notModified, Blocked blocked,
                           String failure, boolean retryable, boolean abort) {
        static Attempt refused(Blocked b) {
            return new Attempt(null, null, false, b, null, false, true);
        }

        static Attempt broken(String reason, boolean retryable) {
            return new Attempt(null, null, false, null, reason, retryable, !retryable);
        }
    }

    private FetchOutcome follow(Call call, URI url) throws IOException, InterruptedException {
        List<String> chain = new ArrayList<>();
        URI current = url;
        while (true) {
            Optional<Blocked> refused = precheck(current);
            if (refused.isPresent()) {
                return refused.get();
            }
            HttpUrl httpUrl = HttpUrl.get(current.toString());
            Optional<Blocked> robotsBlock = robotsCheck(call, httpUrl);
            if (robotsBlock.isPresent()) {
                return robotsBlock.get();
            }
            chain.add(current.toString());
            Attempt a = withRetries(call, httpUrl);
            if (a.blocked() != null) {
                return a.blocked();
            }
            if (a.exchange() == null) {
                return new Failed(current.toString(), a.failure(), a.retryable() || !a.abort(), call.attempts, 0);
            }
            HttpExchange ex = a.exchange();
            if (a.failure() != null) {
                return new Failed(current.toString(), a.failure(), true, call.attempts, ex.status());
            }
            if (a.notModified()) {
                return new NotModified(current.toString(), a.capture());
            }
            Optional<String> location = ex.responseHeader("Location");
            if (REDIRECTS.contains(ex.status()) && location.isPresent()) {
                URI next;
                try {
                    next = current.resolve(location.get().trim());
                } catch (IllegalArgumentException bad) {
                    return new Failed(current.toString(), "bad Location: " + location.get(), false, call.attempts,
                            ex.status());
                }
                if (chain.contains(next.toString())) {
                    return new Redirected(current.toString(), ex.status(), next.toString(), chain, "loop");
                }
                if (chain.size() > config.maxRedirects()) {
                    return new Redirected(current.toString(), ex.status(), next.toString(), chain,
                            "too many redirects (max " + config.maxRedirects() + ")");
                }
                current = next;
                continue;
            }
            Charset charset = CharsetDetector.detect(ex.body(), ex.contentType());
            return new Fetched(current.toString(), ex.status(), a.capture(), charset, ex.truncation(),
                    chain.subList(0, chain.size() - 1));
        }
    }

    /** Scheme and IP-literal checks, before anything is sent or waited for. */
    private Optional<Blocked> precheck(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(new Blocked(uri.toString(), Blocked.Reason.SCHEME,
                    "scheme '" + scheme + "' refused: only http and https are fetched"));
        }
        HttpUrl httpUrl = HttpUrl.parse(uri.toString());
        if (httpUrl == null) {
            return Optional.of(new Blocked(uri.toString(), Blocked.Reason.SCHEME, "not a valid http(s) URL"));
        }
        Optional<InetAddress> literal = AddressClass.literal(httpUrl.host());
        if (literal.isPresent() && !policy.allows(literal.get(), httpUrl.port())) {
            return Optional.of(new Blocked(uri.toString(), Blocked.Reason.PRIVATE_ADDRESS,
                    literal.get().getHostAddress() + " is " + AddressClass.of(literal.get()) + ", refused"));
        }
        return Optional.empty();
    }

    private Attempt withRetries(Call call, HttpUrl url) throws InterruptedException {
        Optional<Validators> validators = archive.validators(url.toString());
        RetryPolicy<Attempt> retry = RetryPolicy.<Attempt>builder()
                .handleResultIf(Attempt::retryable)
                .abortIf(Attempt::abort)
                .withMaxAttempts(config.maxAttempts())
                .withBackoff(config.backoffBase(), config.backoffMax())
                .withJitter(config.jitter())
                .build();
        try {
            return Failsafe.with(retry).get(() -> attempt(call, call.sourceId, url, validators, bodyReader));
        } catch (dev.failsafe.FailsafeException e) {
            if (e.getCause() instanceof InterruptedException ie) {
                throw ie;
            }
            return Attempt.broken(String.valueOf(e.getCause()), false);
        }
    }

    /** One request: wait for the host, send, read within limits, archive. */
    private Attempt attempt(Call call, String sourceId, HttpUrl url, Optional<Validators> validators,
                            BodyReader reader) throws InterruptedException {
        String host = url.host();
        Optional<Duration> wait = gate.reserve(host, config.maxHostWait());
        if (wait.isEmpty()) {
            return Attempt.refused(new Blocked(url.toString(), Blocked.Reason.QUOTA,
                    "host " + host + " may not be fetched before " + gate.nextAllowed(host)));
        }
        sleeper.sleep(wait.get());
        gate.acquire(host);
        if (!ROBOTS_SOURCE.equals(sourceId)) {
            call.attempts++;
        }
        try {
            Request.Builder rb = new Request.Builder().url(url)
                    .header("User-Agent", config.userAgentHeader())
                    .header("Accept", "*/*")
                    .header("Accept-Encoding", "gzip, deflate");
            if (config.contact().startsWith("mailto:")) {
                rb.header("From", config.contact().substring("mailto:".length()));
            }
            validators.flatMap(Validators::etag).ifPresent(e -> rb.header("If-None-Match", e));
            validators.flatMap(Validators::lastModified).ifPresent(l -> rb.header("If-Modified-Since", l));
            Peer peer = new Peer();
            rb.tag(Peer.class, peer);
            Request request = rb.build();
            Instant date = clock.instant();
            try (Response response = client.newCall(request).execute()) {
                ResponseBody body = response.body();
                BodyReader.Body read = reader.read(body.byteStream(), response.header("Content-Encoding"));
                call.lastStatus = response.code();
                call.bytes += read.wireBytes();
                HttpExchange ex = new HttpExchange(url.uri(), date, "GET",
                        headers(peer.requestHeaders != null ? peer.requestHeaders : request.headers()),
                        response.code(), response.message(), headers(response.headers()), read.bytes(),
                        read.truncation(), Optional.ofNullable(peer.address));
                return classify(sourceId, url, ex, read, validators);
            }
        } catch (BodyReader.DecompressionBombException bomb) {
            return Attempt.broken(bomb.getMessage(), false);
        } catch (InterruptedIOException timeout) {
            return Attempt.broken("timeout: " + timeout.getMessage(), true);
        } catch (IOException e) {
            Optional<ForbiddenAddressException> forbidden = ForbiddenAddressException.in(e);
            if (forbidden.isPresent()) {
                return Attempt.refused(new Blocked(url.toString(), Blocked.Reason.PRIVATE_ADDRESS,
                        forbidden.get().getMessage()));
            }
            return Attempt.broken(e.toString(), true);
        } finally {
            gate.release(host);
        }
    }

    private Attempt classify(String sourceId, HttpUrl url, HttpExchange ex, BodyReader.Body read,
                             Optional<Validators> validators) throws IOException {
        String host = url.host();
        if (ex.status() == 304 && validators.isPresent()) {
            Optional<Capture> original = archive.find(validators.get().recordId());
            if (original.isPresent()) {
                archive.archiveNotModified(sourceId, ex, original.get());
                return new Attempt(ex, original.get(), true, null, null, false, false);
            }
        }
        Capture capture = archive.archiveResponse(sourceId, ex);
        if (ex.status() == 429 || ex.status() == 503) {
            Optional<Duration> retryAfter = RetryAfter.parse(ex.responseHeader("Retry-After").orElse(null),
                    clock.instant());
            if (retryAfter.isPresent()) {
                gate.pauseUntil(host, clock.instant().plus(retryAfter.get()));
                if (retryAfter.get().compareTo(config.maxHostWait()) > 0) {
                    return new Attempt(ex, capture, false, null, "HTTP " + ex.status() + ", Retry-After "
                            + retryAfter.get().toSeconds() + " s exceeds the max host wait", false, true);
                }
            }
            return new Attempt(ex, capture, false, null, "HTTP " + ex.status(), true, false);
        }
        if (TRANSIENT.contains(ex.status())) {
            return new Attempt(ex, capture, false, null, "HTTP " + ex.status(), true, false);
        }
        if (ex.truncation() == Truncation.DISCONNECT) {
            return new Attempt(ex, capture, false, null, "body cut after " + ex.body().length + " bytes: "
                    + read.failure(), true, false);
        }
        return new Attempt(ex, capture, false, null, null, false, false);
    }

    /** Applies robots.txt for the URL's origin, fetching it (politely, archived) when not cached. */
    private Optional<Blocked> robotsCheck(Call call, HttpUrl url) throws InterruptedException, IOException {
        String origin = url.scheme() + "://" + url.host() + ":" + url.port();
        Optional<RobotsCache.Rules> cached = robots.cached(origin, clock.instant());
        RobotsCache.Rules rules;
        if (cached.isPresent()) {
            rules = cached.get();
        } else {
            HttpUrl robotsUrl = url.newBuilder().encodedPath("/robots.txt").query(null).fragment(null).build();
            int status = 0;
            byte[] body = new byte[0];
            String type = "text/plain";
            for (int hop = 0; hop <= 5; hop++) {
                Attempt a = attempt(call, ROBOTS_SOURCE, robotsUrl, Optional.empty(), robotsReader);
                if (a.blocked() != null) {
                    if (a.blocked().reason() == Blocked.Reason.PRIVATE_ADDRESS) {
                        return Optional.of(new Blocked(url.toString(), Blocked.Reason.PRIVATE_ADDRESS,
                                a.blocked().detail()));
                    }
                    return Optional.of(new Blocked(url.toString(), a.blocked().reason(), a.blocked().detail()));
                }
                if (a.exchange() == null || a.exchange().truncation() == Truncation.DISCONNECT) {
                    status = 0;
                    break;
                }
                status = a.exchange().status();
                body = a.exchange().body();
                type = a.exchange().contentType();
                Optional<String> location = a.exchange().responseHeader("Location");
                if (!REDIRECTS.contains(status) || location.isEmpty()) {
                    break;
                }
                HttpUrl next = robotsUrl.resolve(location.get());
                if (next == null || precheck(next.uri()).isPresent()) {
                    status = 0;
                    break;
                }
                robotsUrl = next;
            }
            rules = robots.put(origin, robotsUrl.toString(), status, body, type, clock.instant());
            Duration delay = rules.crawlDelay()
                    .map(d -> d.compareTo(config.maxCrawlDelay()) > 0 ? config.maxCrawlDelay() : d)
                    .filter(d -> d.compareTo(config.defaultDelay()) > 0)
                    .orElse(config.defaultDelay());
            gate.delay(url.host(), delay);
            registry.counter("trustmap.fetch.robots", "status", Integer.toString(status)).increment();
        }
        if (rules.unavailable()) {
            return Optional.of(new Blocked(url.toString(), Blocked.Reason.ROBOTS_UNAVAILABLE,
                    "robots.txt " + (rules.status() == 0 ? "unreachable" : "answered " + rules.status())
                            + ": the site is treated as disallowed until " + rules.expires()));
        }
        if (!rules.allows(url.toString())) {
            return Optional.of(new Blocked(url.toString(), Blocked.Reason.ROBOTS,
                    "disallowed by robots.txt for " + config.robotsName()));
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> headers(Headers headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            map.computeIfAbsent(headers.name(i), k -> new ArrayList<>()).add(headers.value(i));
        }
        return map;
    }

    private void record(Call call, FetchOutcome outcome, long nanos) {
        String kind = outcome.getClass().getSimpleName();
        String detail = "";
        if (outcome instanceof Fetched f && f.truncation().truncated()) {
            detail = "truncated=" + f.truncation().headerValue();
        } else if (outcome instanceof NotModified n) {
            detail = "reused=" + n.capture().warcRecordId();
        } else if (outcome instanceof Redirected r) {
            detail = "location=" + r.location() + " reason=" + r.reason();
        } else if (outcome instanceof Blocked b) {
            detail = "reason=" + b.reason() + " " + b.detail();
        } else if (outcome instanceof Failed f) {
            detail = "retryable=" + f.retryable() + " reason=" + f.reason();
        }
        long ms = nanos / 1_000_000;
        String line = String.format("%s status=%d bytes=%d ms=%d attempts=%d source=%s url=%s %s", kind,
                call.lastStatus, call.bytes, ms, call.attempts, call.sourceId, outcome.url(), detail).trim();
        if (outcome instanceof Blocked || outcome instanceof Failed) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        registry.counter("trustmap.fetch.outcomes", "outcome", kind, "source", call.sourceId).increment();
        registry.summary("trustmap.fetch.bytes", "source", call.sourceId).record(call.bytes);
        registry.timer("trustmap.fetch.duration", "source", call.sourceId)
                .record(Duration.ofNanos(nanos));
    }
}
