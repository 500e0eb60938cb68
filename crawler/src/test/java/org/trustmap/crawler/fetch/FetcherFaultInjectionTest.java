package org.trustmap.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.archive.Truncation;

/**
 * The fault-injection suite of issue 3: a loopback server misbehaves, and each test asserts the outcome, the host
 * wait, what was archived, and that the run went on (a later URL on the same host is still fetched).
 */
class FetcherFaultInjectionTest {
    @TempDir
    Path dir;
    TestServer server;
    TestServer other;
    FakeTime time;
    SimpleMeterRegistry metrics;
    EvidenceArchive archive;
    Fetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer();
        other = new TestServer();
        time = new FakeTime();
        metrics = new SimpleMeterRegistry();
        archive = EvidenceArchive.open(dir);
        server.on("/ok", ok("still running"));
        fetcher = fetcher(testConfig());
    }

    FetcherConfig testConfig() {
        return FetcherConfig.defaults()
                .withLoopbackPorts(Set.of(server.port()))
                .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMinutes(5))
                .withLimits(4L << 20, Duration.ofMillis(400), Duration.ofSeconds(2));
    }

    Fetcher fetcher(FetcherConfig config) {
        return new Fetcher(config, archive, metrics, time, time);
    }

    @AfterEach
    void stop() throws IOException {
        fetcher.close();
        archive.close();
        server.close();
        other.close();
    }

    static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain; charset=utf-8")
                .body(body).build();
    }

    void assertRunGoesOn() {
        FetchOutcome next = fetcher.fetch("test", server.url("/ok"));
        assertThat(next).isInstanceOf(Fetched.class);
        assertThat(((Fetched) next).status()).isEqualTo(200);
    }

    String payload(Fetched f) throws IOException {
        try (InputStream in = archive.open(f.capture())) {
            return new String(in.readAllBytes(), f.charset());
        }
    }

    WarcRecords warc() throws IOException {
        return WarcRecords.in(dir);
    }

    // --- plain fetch, archive, politeness -------------------------------------------------------------------

    @Test
    void okResponseIsArchivedAsRequestAndResponseAndTheHostWaitsTheDefaultDelay() throws IOException {
        server.on("/a", ok("hello"));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/a"));

        assertThat(outcome).isInstanceOf(Fetched.class);
        Fetched f = (Fetched) outcome;
        assertThat(f.status()).isEqualTo(200);
        assertThat(f.isSuccessful()).isTrue();
        assertThat(payload(f)).isEqualTo("hello");
        assertThat(archive.captures()).contains(f.capture());
        assertThat(fetcher.nextAllowedFetch("127.0.0.1")).isEqualTo(time.instant().plus(Duration.ofSeconds(1)));
        WarcRecords warc = warc();
        assertThat(warc.of("response", server.url("/a").toString())).hasSize(1);
        assertThat(warc.of("request", server.url("/a").toString())).hasSize(1);
        assertThat(warc.of("response", server.url("/robots.txt").toString())).hasSize(1);
        assertThat(Files.readString(dir.resolve("index.cdxj"))).contains("\"url\":\"" + server.url("/a") + "\"");
        assertThat(server.requests("/a").get(0).getHeaders().get("User-Agent"))
                .isEqualTo("Trustmap/0.1 (+mailto:trustmap-crawler@example.org)");
        assertRunGoesOn();
        assertThat(time.sleeps).contains(Duration.ofSeconds(1));
    }

    @Test
    void sameUrlAndSameBodyKeepOneRecordIdAndOneResponseRecord() throws IOException {
        server.on("/same", ok("unchanged"));
        Fetched first = (Fetched) fetcher.fetch("test", server.url("/same"));
        Fetched second = (Fetched) fetcher.fetch("test", server.url("/same"));

        assertThat(second.capture().warcRecordId()).isEqualTo(first.capture().warcRecordId());
        assertThat(warc().of("response", server.url("/same").toString())).hasSize(1);
    }

    // --- Retry-After and retries ----------------------------------------------------------------------------

    @Test
    void tooManyRequestsWithRetryAfterSecondsMakesTheWholeHostWait() throws IOException {
        server.on("/busy", new MockResponse.Builder().code(429).setHeader("Retry-After", "120").body("slow down")
                .build(), ok("finally"));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/busy"));

        assertThat(outcome).isInstanceOf(Fetched.class);
        assertThat(payload((Fetched) outcome)).isEqualTo("finally");
        assertThat(time.sleeps).anyMatch(d -> d.compareTo(Duration.ofSeconds(119)) >= 0);
        assertThat(time.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(120));
        assertThat(server.requests("/busy")).hasSize(2);
        assertThat(warc().of("response", server.url("/busy").toString())).extracting(WarcRecords.Row::status)
                .containsExactly(429, 200);
        assertRunGoesOn();
    }

    @Test
    void serviceUnavailableWithRetryAfterHttpDateMakesTheWholeHostWait() throws IOException {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                time.instant().plus(Duration.ofSeconds(90)).atOffset(ZoneOffset.UTC));
        server.on("/down", new MockResponse.Builder().code(503).setHeader("Retry-After", date).build(), ok("up"));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/down"));

        assertThat(outcome).isInstanceOf(Fetched.class);
        assertThat(time.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(90));
        assertThat(warc().of("response", server.url("/down").toString())).extracting(WarcRecords.Row::status)
                .containsExactly(503, 200);
        assertRunGoesOn();
    }

    @Test
    void retryAfterLongerThanTheMaxHostWaitFailsAndBlocksTheHostWithoutSleeping() throws IOException {
        server.on("/later", new MockResponse.Builder().code(503).setHeader("Retry-After", "3600").build());
        FetchOutcome outcome = fetcher.fetch("test", server.url("/later"));

        assertThat(outcome).isInstanceOf(Failed.class);
        Failed failed = (Failed) outcome;
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(fetcher.nextAllowedFetch("127.0.0.1")).isEqualTo(time.instant().plus(Duration.ofHours(1)));
        assertThat(warc().of("response", server.url("/later").toString())).hasSize(1);
        FetchOutcome next = fetcher.fetch("test", server.url("/ok"));
        assertThat(next).isInstanceOf(Blocked.class);
        assertThat(((Blocked) next).reason()).isEqualTo(Blocked.Reason.QUOTA);
        assertThat(server.requests("/ok")).isEmpty();
        assertThat(time.slept()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void persistentServerErrorIsRetriedABoundedNumberOfTimesThenRecordedAsFailed() throws IOException {
        server.on("/broken", new MockResponse.Builder().code(503).body("maintenance").build());
        FetchOutcome outcome = fetcher.fetch("test", server.url("/broken"));

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).attempts()).isEqualTo(3);
        assertThat(((Failed) outcome).retryable()).isTrue();
        assertThat(server.requests("/broken")).hasSize(3);
        // the same error page is one record, not three
        assertThat(warc().of("response", server.url("/broken").toString())).hasSize(1);
        assertThat(archive.captures()).noneMatch(c -> c.targetUri().endsWith("/broken"));
        assertThat(metrics.counter("trustmap.fetch.outcomes", "outcome", "Failed", "source", "test").count())
                .isEqualTo(1.0);
        assertRunGoesOn();
    }

    // --- broken bodies --------------------------------------------------------------------------------------

    @Test
    void connectionResetMidBodyIsRetriedAndTheCutBodyArchivedAsTruncated() throws IOException {
        byte[] big = new byte[256 * 1024];
        Arrays.fill(big, (byte) 'x');
        MockResponse reset = new MockResponse.Builder().code(200).body(new Buffer().write(big))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build();
        server.on("/reset", reset, ok("whole"));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/reset"));

        assertThat(outcome).isInstanceOf(Fetched.class);
        assertThat(payload((Fetched) outcome)).isEqualTo("whole");
        assertThat(server.requests("/reset")).hasSize(2);
        assertThat(warc().of("response", server.url("/reset").toString())).extracting(WarcRecords.Row::truncated)
                .containsExactly("disconnect", "");
        assertRunGoesOn();
    }

    @Test
    void readTimeoutIsRetriedThenFailsRetryable() throws IOException {
        server.on("/silent", new MockResponse.Builder().code(200).body("late")
                .headersDelay(3, TimeUnit.SECONDS).build());
        fetcher.close();
        fetcher = fetcher(testConfig().withRetries(2, Duration.ofMillis(1), Duration.ofMillis(2),
                Duration.ofMinutes(5)));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/silent"));

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).retryable()).isTrue();
        assertThat(((Failed) outcome).attempts()).isEqualTo(2);
        assertThat(((Failed) outcome).reason()).contains("timeout");
        assertThat(warc().of("response", server.url("/silent").toString())).isEmpty();
        assertRunGoesOn();
    }

    @Test
    void slowDripIsCutAtTheTimeLimitAndArchivedAsTruncatedByTime() throws IOException {
        fetcher.close();
        fetcher = fetcher(testConfig().withLimits(4L << 20, Duration.ofSeconds(2), Duration.ofMillis(300)));
        server.on("/drip", new MockResponse.Builder().code(200).body("y".repeat(4000))
                .throttleBody(20, 50, TimeUnit.MILLISECONDS).build());
        FetchOutcome outcome = fetcher.fetch("test", server.url("/drip"));

        assertThat(outcome).isInstanceOf(Fetched.class);
        Fetched f = (Fetched) outcome;
        assertThat(f.truncation()).isEqualTo(Truncation.TIME);
        assertThat(f.isSuccessful()).isFalse();
        assertThat(archive.captures()).doesNotContain(f.capture());
        assertThat(warc().of("response", server.url("/drip").toString())).extracting(WarcRecords.Row::truncated)
                .containsExactly("time");
        assertRunGoesOn();
    }

    @Test
    void truncatedGzipIsRetriedThenFailsWithTheCutBodyArchived() throws IOException {
        byte[] gz = gzip("<html><body>" + "trustmap ".repeat(20000) + "</body></html>");
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        server.on("/cut.gz", new MockResponse.Builder().code(200).setHeader("Content-Encoding", "gzip")
                .setHeader("Content-Type", "text/html").body(new Buffer().write(cut)).build());
        FetchOutcome outcome = fetcher.fetch("test", server.url("/cut.gz"));

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).retryable()).isTrue();
        assertThat(((Failed) outcome).attempts()).isEqualTo(3);
        assertThat(warc().of("response", server.url("/cut.gz").toString())).extracting(WarcRecords.Row::truncated)
                .containsExactly("disconnect");
        assertRunGoesOn();
    }

    @Test
    void gzipBombIsRefusedNotRetriedAndNotArchived() throws IOException {
        byte[] bomb = gzip("\0".repeat(64 << 20));
        server.on("/bomb", new MockResponse.Builder().code(200).setHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(bomb)).build());
        fetcher.close();
        fetcher = fetcher(testConfig().withLimits(128L << 20, Duration.ofSeconds(2), Duration.ofSeconds(10)));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/bomb"));

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).retryable()).isFalse();
        assertThat(((Failed) outcome).attempts()).isEqualTo(1);
        assertThat(((Failed) outcome).reason()).contains("ratio");
        assertThat(warc().of("response", server.url("/bomb").toString())).isEmpty();
        assertRunGoesOn();
    }

    @Test
    void oversizeBodyIsCutAtTheLimitAndArchivedAsTruncatedByLength() throws IOException {
        fetcher.close();
        fetcher = fetcher(testConfig().withLimits(1000, Duration.ofSeconds(2), Duration.ofSeconds(5)));
        server.on("/huge", ok("z".repeat(5000)));
        Fetched f = (Fetched) fetcher.fetch("test", server.url("/huge"));

        assertThat(f.truncation()).isEqualTo(Truncation.LENGTH);
        try (InputStream in = archive.open(f.capture())) {
            assertThat(in.readAllBytes()).hasSize(1000);
        }
        assertThat(warc().of("response", server.url("/huge").toString())).extracting(WarcRecords.Row::truncated)
                .containsExactly("length");
        assertRunGoesOn();
    }

    // --- redirects ------------------------------------------------------------------------------------------

    static MockResponse redirect(String location) {
        return new MockResponse.Builder().code(302).setHeader("Location", location).build();
    }

    @Test
    void redirectIsFollowedAndEveryHopArchived() throws IOException {
        server.on("/old", redirect("/new")).on("/new", ok("moved"));
        Fetched f = (Fetched) fetcher.fetch("test", server.url("/old"));

        assertThat(f.url()).isEqualTo(server.url("/new").toString());
        assertThat(f.redirects()).containsExactly(server.url("/old").toString());
        assertThat(warc().of("response", server.url("/old").toString())).extracting(WarcRecords.Row::status)
                .containsExactly(302);
        assertThat(time.sleeps).contains(Duration.ofSeconds(1)); // the second hop waited its turn
    }

    @Test
    void redirectLoopStopsWithRedirected() throws IOException {
        server.on("/a", redirect("/b")).on("/b", redirect("/a"));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/a"));

        assertThat(outcome).isInstanceOf(Redirected.class);
        assertThat(((Redirected) outcome).reason()).isEqualTo("loop");
        assertThat(server.requests("/a")).hasSize(1);
        assertThat(warc().of("response", server.url("/b").toString())).hasSize(1);
        assertRunGoesOn();
    }

    @Test
    void moreThanFiveRedirectsStopWithRedirected() {
        for (int i = 0; i < 8; i++) {
            server.on("/r" + i, redirect("/r" + (i + 1)));
        }
        FetchOutcome outcome = fetcher.fetch("test", server.url("/r0"));

        assertThat(outcome).isInstanceOf(Redirected.class);
        assertThat(((Redirected) outcome).redirects()).hasSize(6);
        assertThat(server.requests("/r6")).isEmpty();
        assertRunGoesOn();
    }

    @Test
    void redirectToAnotherLoopbackPortIsRefusedBeforeConnecting() {
        server.on("/go", redirect("http://127.0.0.1:" + other.port() + "/secret"));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/go"));

        assertThat(outcome).isInstanceOf(Blocked.class);
        assertThat(((Blocked) outcome).reason()).isEqualTo(Blocked.Reason.PRIVATE_ADDRESS);
        assertThat(outcome.url()).contains(":" + other.port() + "/secret");
        assertThat(other.server.getRequestCount()).isZero();
        assertRunGoesOn();
    }

    @Test
    void redirectToIpv4MappedLoopbackIsRefused() {
        server.on("/go", redirect("http://[::ffff:127.0.0.1]:" + other.port() + "/secret"));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/go"));

        assertThat(outcome).isInstanceOf(Blocked.class);
        assertThat(((Blocked) outcome).reason()).isEqualTo(Blocked.Reason.PRIVATE_ADDRESS);
        assertThat(other.server.getRequestCount()).isZero();
        assertRunGoesOn();
    }

    @Test
    void redirectToCloudMetadataIsRefusedEvenWithPrivateNetworkAllowed() {
        fetcher.close();
        fetcher = fetcher(testConfig().withAllowPrivateNetwork(true));
        server.on("/go", redirect("http://169.254.169.254/latest/meta-data/"));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/go"));

        assertThat(outcome).isInstanceOf(Blocked.class);
        assertThat(((Blocked) outcome).reason()).isEqualTo(Blocked.Reason.PRIVATE_ADDRESS);
        assertThat(((Blocked) outcome).detail()).contains("CLOUD_METADATA");
        assertRunGoesOn();
    }

    @Test
    void redirectToFileSchemeIsRefused() {
        server.on("/go", redirect("file:///etc/passwd"));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/go"));

        assertThat(outcome).isInstanceOf(Blocked.class);
        assertThat(((Blocked) outcome).reason()).isEqualTo(Blocked.Reason.SCHEME);
        assertRunGoesOn();
    }

    @Test
    void productionConfigRefusesLoopbackAndSendsNothing() {
        fetcher.close();
        fetcher = fetcher(FetcherConfig.defaults());
        FetchOutcome outcome = fetcher.fetch("test", server.url("/ok"));

        assertThat(outcome).isInstanceOf(Blocked.class);
        assertThat(((Blocked) outcome).reason()).isEqualTo(Blocked.Reason.PRIVATE_ADDRESS);
        assertThat(server.server.getRequestCount()).isZero();
    }

    @Test
    void hostNameResolvingToARefusedAddressIsCheckedAtConnect() {
        // localhost is not an IP literal: the DNS guard lets loopback through for the test port set, the socket
        // guard then refuses the other port right before connecting
        FetchOutcome outcome = fetcher.fetch("test", java.net.URI.create("http://localhost:" + other.port() + "/x"));

        assertThat(outcome).isInstanceOf(Blocked.class);
        assertThat(((Blocked) outcome).reason()).isEqualTo(Blocked.Reason.PRIVATE_ADDRESS);
        assertThat(other.server.getRequestCount()).isZero();
    }

    // --- charsets -------------------------------------------------------------------------------------------

    @Test
    void wrongCharsetInHeaderFallsBackToTheMetaDeclaration() throws IOException {
        byte[] html = "<html><head><meta charset=\"windows-1250\"></head><body>Plzeň</body></html>"
                .getBytes(Charset.forName("windows-1250"));
        server.on("/cz", new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "text/html; charset=no-such-charset").body(new Buffer().write(html))
                .build());
        Fetched f = (Fetched) fetcher.fetch("test", server.url("/cz"));

        assertThat(f.charset()).isEqualTo(Charset.forName("windows-1250"));
        assertThat(payload(f)).contains("Plzeň");
    }

    @Test
    void missingCharsetMeansUtf8() throws IOException {
        server.on("/plain", new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body(new Buffer().write("<p>Žluťoučký</p>".getBytes(StandardCharsets.UTF_8))).build());
        Fetched f = (Fetched) fetcher.fetch("test", server.url("/plain"));

        assertThat(f.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(payload(f)).contains("Žluťoučký");
    }

    // --- robots.txt -----------------------------------------------------------------------------------------

    static MockResponse robots(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body(body).build();
    }

    @Test
    void robotsDisallowBlocksWithoutRequestingThePage() throws IOException {
        server.on("/robots.txt", robots("User-agent: *\nDisallow: /private/\n"));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/private/x"));

        assertThat(outcome).isInstanceOf(Blocked.class);
        assertThat(((Blocked) outcome).reason()).isEqualTo(Blocked.Reason.ROBOTS);
        assertThat(server.requests("/private/x")).isEmpty();
        assertThat(warc().of("response", server.url("/robots.txt").toString())).extracting(WarcRecords.Row::source)
                .containsExactly(Fetcher.ROBOTS_SOURCE);
        assertRunGoesOn();
        assertThat(server.requests("/robots.txt")).hasSize(1); // cached
    }

    @Test
    void robotsRulesForOurProductTokenWin() {
        server.on("/robots.txt", robots("User-agent: trustmap\nDisallow: /\n\nUser-agent: *\nAllow: /\n"));
        FetchOutcome outcome = fetcher.fetch("test", server.url("/ok"));

        assertThat(outcome).isInstanceOf(Blocked.class);
        assertThat(((Blocked) outcome).reason()).isEqualTo(Blocked.Reason.ROBOTS);
    }

    @Test
    void robotsServerErrorDefersTheWholeSite() {
        server.on("/robots.txt", new MockResponse.Builder().code(500).build());
        FetchOutcome outcome = fetcher.fetch("test", server.url("/ok"));

        assertThat(outcome).isInstanceOf(Blocked.class);
        assertThat(((Blocked) outcome).reason()).isEqualTo(Blocked.Reason.ROBOTS_UNAVAILABLE);
        assertThat(server.requests("/ok")).isEmpty();
        // cached for the error TTL, then asked again
        fetcher.fetch("test", server.url("/ok"));
        assertThat(server.requests("/robots.txt")).hasSize(1);
        time.sleep(Duration.ofMinutes(16));
        server.set("/robots.txt", robots("User-agent: *\nAllow: /\n"));
        assertRunGoesOn();
    }

    @Test
    void robotsNotFoundAllowsEverything() {
        FetchOutcome outcome = fetcher.fetch("test", server.url("/ok"));

        assertThat(outcome).isInstanceOf(Fetched.class);
        assertThat(server.requests("/robots.txt")).hasSize(1);
    }

    @Test
    void crawlDelayIsHonouredUpToTheCap() {
        server.on("/robots.txt", robots("User-agent: *\nCrawl-delay: 600\n"));
        fetcher.fetch("test", server.url("/ok"));
        assertThat(fetcher.hostDelay("127.0.0.1")).isEqualTo(Duration.ofSeconds(30));
        assertThat(fetcher.nextAllowedFetch("127.0.0.1")).isEqualTo(time.instant().plus(Duration.ofSeconds(30)));
        assertRunGoesOn();
        assertThat(time.sleeps).contains(Duration.ofSeconds(30));
    }

    @Test
    void quotaOfTheHostSpacesRequestsOverItsWindow() {
        fetcher.close();
        fetcher = fetcher(testConfig().withDelays(Duration.ZERO, Duration.ofSeconds(30))
                .withQuotas(Map.of("127.0.0.1", new FetcherConfig.HostQuota(2, Duration.ofMinutes(1), 1))));
        for (int i = 0; i < 3; i++) {
            assertThat(fetcher.fetch("test", server.url("/ok"))).isInstanceOf(Fetched.class);
        }
        // robots.txt + /ok used the first window; the 3rd and 4th request waited for the next one
        assertThat(time.slept()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    // --- conditional GET ------------------------------------------------------------------------------------

    @Test
    void etagNotModifiedReusesTheArchivedBodyAndWritesARevisit() throws IOException {
        server.on("/e", new MockResponse.Builder().code(200).setHeader("ETag", "\"v1\"").body("version 1").build(),
                new MockResponse.Builder().code(304).setHeader("ETag", "\"v1\"").build());
        Fetched first = (Fetched) fetcher.fetch("test", server.url("/e"));
        FetchOutcome second = fetcher.fetch("test", server.url("/e"));

        assertThat(second).isInstanceOf(NotModified.class);
        assertThat(((NotModified) second).capture()).isEqualTo(first.capture());
        assertThat(server.requests("/e").get(1).getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(warc().of("revisit", server.url("/e").toString())).extracting(WarcRecords.Row::status)
                .containsExactly(304);
        assertThat(archive.captures()).containsOnlyOnce(first.capture());
    }

    @Test
    void lastModifiedNotModifiedReusesTheArchivedBody() throws IOException {
        String lm = "Wed, 03 Sep 2025 08:00:00 GMT";
        server.on("/lm", new MockResponse.Builder().code(200).setHeader("Last-Modified", lm).body("v1").build(),
                new MockResponse.Builder().code(304).build());
        Fetched first = (Fetched) fetcher.fetch("test", server.url("/lm"));
        NotModified second = (NotModified) fetcher.fetch("test", server.url("/lm"));

        assertThat(second.capture().warcRecordId()).isEqualTo(first.capture().warcRecordId());
        assertThat(server.requests("/lm").get(1).getHeaders().get("If-Modified-Since")).isEqualTo(lm);
        assertThat(warc().of("revisit", server.url("/lm").toString())).hasSize(1);
    }

    @Test
    void okAfterNotModifiedArchivesTheNewBodyAndUpdatesTheValidators() throws IOException {
        server.on("/v", new MockResponse.Builder().code(200).setHeader("ETag", "\"1\"").body("one").build(),
                new MockResponse.Builder().code(304).build(),
                new MockResponse.Builder().code(200).setHeader("ETag", "\"2\"").body("two").build(),
                new MockResponse.Builder().code(304).build());
        Fetched one = (Fetched) fetcher.fetch("test", server.url("/v"));
        assertThat(fetcher.fetch("test", server.url("/v"))).isInstanceOf(NotModified.class);
        Fetched two = (Fetched) fetcher.fetch("test", server.url("/v"));
        NotModified again = (NotModified) fetcher.fetch("test", server.url("/v"));

        assertThat(two.capture().warcRecordId()).isNotEqualTo(one.capture().warcRecordId());
        assertThat(payload(two)).isEqualTo("two");
        assertThat(again.capture()).isEqualTo(two.capture());
        assertThat(server.requests("/v").get(3).getHeaders().get("If-None-Match")).isEqualTo("\"2\"");
    }

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
