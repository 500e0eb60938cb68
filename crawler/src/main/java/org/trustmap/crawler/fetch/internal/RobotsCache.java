package org.trustmap.crawler.fetch.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

/**
 * robots.txt rules per origin ({@code scheme://host:port}) with RFC 9309 failure semantics: 2xx is parsed, 4xx
 * (except 429) allows everything, 429/5xx/unreachable means "assume complete disallow" and is cached for a shorter
 * time than a success.
 */
public final class RobotsCache {
    /** Rules for one origin; {@code unavailable} when robots.txt could not be read (defer the whole site). */
    public record Rules(BaseRobotRules rules, boolean unavailable, int status, Instant expires) {
        public boolean allows(String url) {
            return !unavailable && rules.isAllowed(url);
        }

        /** Crawl-delay asked for, if any. */
        public Optional<Duration> crawlDelay() {
            long ms = rules.getCrawlDelay();
            return ms > 0 && ms != BaseRobotRules.UNSET_CRAWL_DELAY ? Optional.of(Duration.ofMillis(ms))
                    : Optional.empty();
        }
    }

    private final Map<String, Rules> byOrigin = new ConcurrentHashMap<>();
    // a Crawl-delay above any cap must not turn into "disallow all" (crawler-commons' default); we cap it instead
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser(Long.MAX_VALUE / 4, 5);
    private final String robotsName;
    private final Duration ttl;
    private final Duration errorTtl;

    public RobotsCache(String robotsName, Duration ttl, Duration errorTtl) {
        this.robotsName = robotsName;
        this.ttl = ttl;
        this.errorTtl = errorTtl;
    }

    public Optional<Rules> cached(String origin, Instant now) {
        Rules r = byOrigin.get(origin);
        return r != null && r.expires().isAfter(now) ? Optional.of(r) : Optional.empty();
    }

    /** Rules from a robots.txt response ({@code status 0}: no response at all). */
    public Rules put(String origin, String robotsUrl, int status, byte[] body, String contentType, Instant now) {
        Rules rules;
        if (status >= 200 && status < 300) {
            SimpleRobotRules parsed = parser.parseContent(robotsUrl, body, contentType, List.of(robotsName));
            rules = new Rules(parsed, false, status, now.plus(ttl));
        } else if (status >= 300 && status < 500 && status != 429) {
            // 4xx: no rules; 3xx left over after the redirect limit: RFC 9309 lets us treat it as unavailable (allow)
            rules = new Rules(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), false, status,
                    now.plus(ttl));
        } else {
            SimpleRobotRules none = new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE);
            none.setDeferVisits(true);
            rules = new Rules(none, true, status, now.plus(errorTtl));
        }
        byOrigin.put(origin, rules);
        return rules;
    }
}
