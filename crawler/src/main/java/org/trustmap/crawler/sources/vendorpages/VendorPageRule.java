package org.trustmap.crawler.sources.vendorpages;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One site's extraction rule, read from {@code data/vendor-pages/<id>.yml} (format in crawler/SOURCES-PRODUCTS.md):
 * which pages it applies to, the product the page speaks for, and extractors for the controller's name, its country
 * and where the page says data is stored.
 */
public record VendorPageRule(String id, List<Pattern> pages, String productVendor, String productName,
                             Extractor controllerName, Optional<Extractor> legalCountry, Optional<Extractor> basedIn,
                             List<Extractor> storedIn) {
    public VendorPageRule {
        pages = List.copyOf(pages);
        storedIn = List.copyOf(storedIn);
    }

    /** A jsoup CSS selector and a regular expression over each selected element's text (group 1, else the match). */
    public record Extractor(String select, Pattern pattern) {
    }

    boolean applies(String uri) {
        return pages.stream().anyMatch(p -> p.matcher(uri).find());
    }

    /** Every {@code *.yml} rule in a folder, in file-name order. */
    public static List<VendorPageRule> load(Path folder) throws IOException {
        List<VendorPageRule> rules = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return rules;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                try (Reader r = Files.newBufferedReader(f)) {
                    rules.add(of(f.getFileName().toString().replaceFirst("\\.yml$", ""),
                            new Yaml(new SafeConstructor(new LoaderOptions())).load(r), f));
                }
            }
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    static VendorPageRule of(String id, Object yaml, Path file) {
        if (!(yaml instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": a rule is a mapping");
        }
        Map<String, Object> product = (Map<String, Object>) require(m, "product", file);
        Map<String, Object> controller = (Map<String, Object>) require(m, "controller", file);
        List<Pattern> pages = ((List<String>) require(m, "pages", file)).stream().map(Pattern::compile).toList();
        List<Extractor> stored = new ArrayList<>();
        Object storedIn = m.get("storedIn");
        for (Object s : storedIn == null ? List.<Object>of() : (List<Object>) storedIn) {
            stored.add(extractor(s, file));
        }
        return new VendorPageRule(id, pages, (String) require(product, "vendor", file),
                (String) require(product, "name", file), extractor(require(controller, "name", file), file),
                Optional.ofNullable(controller.get("legalCountry")).map(e -> extractor(e, file)),
                Optional.ofNullable(controller.get("basedIn")).map(e -> extractor(e, file)), stored);
    }

    private static Extractor extractor(Object yaml, Path file) {
        if (!(yaml instanceof Map<?, ?> e) || !(e.get("select") instanceof String select)) {
            throw new IllegalArgumentException(file + ": an extractor needs 'select' (a CSS selector)");
        }
        Object pattern = e.get("pattern");
        return new Extractor(select, Pattern.compile(pattern == null ? "(?s).+" : pattern.toString()));
    }

    private static Object require(Map<?, ?> m, String key, Path file) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": no '" + key + "'");
        }
        return v;
    }
}
