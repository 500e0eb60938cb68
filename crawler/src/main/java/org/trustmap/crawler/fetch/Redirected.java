package org.trustmap.crawler.fetch;

import java.util.List;
import java.util.Objects;

/**
 * The chain ended on a redirect that was not followed: a loop, or more hops than allowed. Every hop's response is
 * archived.
 *
 * @param url       the URL that answered with the redirect
 * @param status    its 3xx status
 * @param location  where it pointed (resolved against {@code url})
 * @param redirects every URL requested, in order, ending with {@code url}
 * @param reason    why it was not followed ({@code loop}, {@code too many redirects})
 */
public record Redirected(String url, int status, String location, List<String> redirects, String reason)
        implements FetchOutcome {
    public Redirected {
        Objects.requireNonNull(url, "url");
        redirects = List.copyOf(redirects);
    }
}
