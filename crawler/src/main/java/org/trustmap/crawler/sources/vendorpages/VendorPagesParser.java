package org.trustmap.crawler.sources.vendorpages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

import org.apache.jena.graph.Node;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.trustmap.crawler.Countries;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.ProductIds;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * Vendors' own pages (privacy policies, imprints) read with per-site jsoup rules ({@link VendorPageRule}). The rule
 * whose {@code pages} pattern matches the page's URL names the product; the page's controller becomes an
 * organization record (name, and a country only where the page states one), the product {@code SENDS_DATA_TO} it,
 * and each storage location the page states is a {@code tm:dataFlow stored-in:<CC>} on that link. Evidence: the page
 * itself; confidence {@code vendor-page}. A page no rule applies to is refused; a rule that no longer finds the
 * controller (the page changed) is reported and nothing is staged.
 */
public final class VendorPagesParser implements SourceParser {
    /** Where the rules are unless {@code -Dtrustmap.vendor-pages=DIR} says otherwise. */
    public static final Path DEFAULT_RULES = Path.of("data/vendor-pages");

    private final List<VendorPageRule> rules;

    public VendorPagesParser() {
        this(loadDefault());
    }

    public VendorPagesParser(List<VendorPageRule> rules) {
        this.rules = List.copyOf(rules);
    }

    private static List<VendorPageRule> loadDefault() {
        try {
            return VendorPageRule.load(Path.of(System.getProperty("trustmap.vendor-pages", DEFAULT_RULES.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        String uri = context.capture().targetUri();
        VendorPageRule rule = rules.stream().filter(r -> r.applies(uri)).findFirst()
                .orElseThrow(() -> new SourceParseException(new ParseProblem(context.capture().sourceId(),
                        context.document(), "", "no vendor-pages rule applies to " + uri)));
        Document page = Jsoup.parse(body, null, uri);
        String where = "rule " + rule.id();
        Optional<String> controller = first(page, rule.controllerName());
        if (controller.isEmpty()) {
            context.reject(where, "controller not found with '" + rule.controllerName().select()
                    + "': the page changed or the rule is wrong; nothing staged");
            return;
        }
        Node org = sink.record(Tm.Organization, "controller", where + " (controller)", uri, null);
        sink.literal(org, Tm.name, controller.get());
        sink.literal(org, Tm.confidence, "vendor-page");
        rule.legalCountry().flatMap(e -> country(page, e, where, context)).ifPresent(c -> sink.literal(org, Tm.legalCountry, c));
        rule.basedIn().flatMap(e -> country(page, e, where, context)).ifPresent(c -> sink.literal(org, Tm.basedIn, c));

        String id = ProductIds.of(rule.productVendor(), rule.productName(), null, null);
        Node product = sink.record(Tm.Product, "product", where + " (product)", uri, null);
        sink.literal(product, Tm.productId, id);
        sink.literal(product, Tm.name, rule.productName());
        sink.literal(product, Tm.vendor, rule.productVendor());
        sink.literal(product, Tm.confidence, "vendor-page");
        Node link = sink.link("product/sends-data-to", product, org, "SENDS_DATA_TO", where + " (data)", uri, null);
        sink.literal(link, Tm.confidence, "vendor-page");
        Set<String> stored = new LinkedHashSet<>();
        for (VendorPageRule.Extractor e : rule.storedIn()) {
            country(page, e, where, context).ifPresent(stored::add);
        }
        stored.forEach(c -> sink.literal(link, Tm.dataFlow, "stored-in:" + c));
    }

    /** The first selected element's text the pattern matches: group 1 when there is one, else the whole match. */
    static Optional<String> first(Document page, VendorPageRule.Extractor e) {
        for (Element el : page.select(e.select())) {
            Matcher m = e.pattern().matcher(el.text());
            if (m.find()) {
                String v = (m.groupCount() > 0 ? m.group(1) : m.group()).strip();
                if (!v.isEmpty()) {
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> country(Document page, VendorPageRule.Extractor e, String where,
                                            ParseContext context) {
        Optional<String> text = first(page, e);
        Optional<String> code = text.flatMap(Countries::code);
        if (text.isPresent() && code.isEmpty()) {
            context.reject(where, "'" + text.get() + "' is not a country name; not staged");
        }
        return code;
    }
}
