package org.trustmap.crawler.sources.wikidata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The organizations query ({@code organizations.rq} next to this class) for a batch of Wikidata items, as the GET
 * URL of the Wikidata Query Service. The service allows one query at a time per client and 60 s of query time per
 * minute ({@code FetcherConfig.DOCUMENTED_QUOTAS} keeps one request per minute to it); a batch is at most
 * {@link #MAX_ITEMS} items so that one query stays well inside its time.
 */
public final class WikidataQuery {
    public static final String ENDPOINT = "https://query.wikidata.org/sparql";
    public static final int MAX_ITEMS = 200;
    private static final Pattern QID = Pattern.compile("Q[0-9]+");
    private static final String TEMPLATE = load();

    private WikidataQuery() {
    }

    /** The query text for these items (QIDs such as {@code Q42}). */
    public static String text(Collection<String> qids) {
        Objects.requireNonNull(qids, "qids");
        if (qids.isEmpty() || qids.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("1 to " + MAX_ITEMS + " items per query, not " + qids.size());
        }
        for (String qid : qids) {
            if (qid == null || !QID.matcher(qid).matches()) {
                throw new IllegalArgumentException("not a Wikidata item id: " + qid);
            }
        }
        String values = qids.stream().distinct().map(q -> "wd:" + q).collect(Collectors.joining(" "));
        return TEMPLATE.replace("?ITEMS", values);
    }

    /** The GET URL asking {@code endpoint} (normally {@link #ENDPOINT}) for SPARQL JSON results. */
    public static URI url(String endpoint, List<String> qids) {
        return URI.create(endpoint + "?format=json&query=" + URLEncoder.encode(text(qids), StandardCharsets.UTF_8));
    }

    private static String load() {
        try (InputStream in = WikidataQuery.class.getResourceAsStream("organizations.rq")) {
            return new String(Objects.requireNonNull(in, "organizations.rq").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
