package org.trustmap.app.crawl;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One source's entry in {@code data/sources.yml}: where it is fetched from and on what terms.
 *
 * @param id          source id ({@code gleif}, {@code curated} ...)
 * @param baseUrl     the API root that {@code lookups} are relative to (ends with {@code /}), or empty; a
 *                    {@code --source-url ID=URL} of the run replaces it
 * @param lookups     URL templates relative to {@code baseUrl}, {@code {lei}} standing for an identifier
 * @param urls        whole documents the source reads ({@code urls}, and the {@code bulk} download)
 * @param localOnly   the source is only ever read from local files ({@code --input})
 * @param licence     licence of the data, as documented
 * @param cadence     how often the publisher updates it
 * @param limits      documented rate or size limits
 * @param description what the source is
 */
public record SourceSettings(String id, Optional<String> baseUrl, List<String> lookups, List<String> urls,
                             boolean localOnly, String licence, String cadence, String limits, String description) {
    public SourceSettings {
        lookups = List.copyOf(lookups);
        urls = List.copyOf(urls);
    }

    /**
     * Reads {@code sources.yml} and applies {@code --source-url} overrides. A missing file gives no sources.
     *
     * @throws IllegalArgumentException when the file is not valid YAML of the expected shape, or an override names
     *                                  an unknown or local-only source or is not an absolute http(s) URL
     */
    public static Map<String, SourceSettings> load(Path sourcesYml, Map<String, String> overrides) throws IOException {
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        if (Files.isRegularFile(sourcesYml)) {
            for (Map.Entry<String, Map<String, Object>> e : entries(sourcesYml).entrySet()) {
                sources.put(e.getKey(), of(sourcesYml, e.getKey(), e.getValue()));
            }
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            SourceSettings s = sources.get(o.getKey());
            if (s == null) {
                throw new IllegalArgumentException("--source-url " + o.getKey() + "=" + o.getValue() + ": unknown source '"
                        + o.getKey() + "'; sources in " + sourcesYml + ": " + String.join(", ", sources.keySet()));
            }
            if (s.localOnly()) {
                throw new IllegalArgumentException("--source-url " + o.getKey() + "=" + o.getValue() + ": source '"
                        + o.getKey() + "' is local only (read it with --input " + o.getKey() + "=PATH)");
            }
            sources.put(s.id(), s.withBaseUrl(httpUrl(o.getKey(), o.getValue())));
        }
        return Collections.unmodifiableMap(sources);
    }

    /**
     * URL prefixes per source, for assigning archived records that carry no {@code Trustmap-Source} header (a WARC
     * written by wget): each source's base URL as documented and as overridden for the run, and its document URLs.
     *
     * @param documented the sources as {@code sources.yml} states them
     * @param effective  the same with the run's {@code --source-url} overrides applied
     */
    public static Map<String, List<String>> urlPrefixes(Map<String, SourceSettings> documented,
                                                        Map<String, SourceSettings> effective) {
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        for (SourceSettings s : effective.values()) {
            List<String> p = new ArrayList<>();
            s.baseUrl().ifPresent(p::add);
            Optional.ofNullable(documented.get(s.id())).flatMap(SourceSettings::baseUrl)
                    .filter(b -> !p.contains(b)).ifPresent(p::add);
            p.addAll(s.urls());
            if (!p.isEmpty()) {
                prefixes.put(s.id(), List.copyOf(p));
            }
        }
        return prefixes;
    }

    /** This source with another base URL. */
    public SourceSettings withBaseUrl(String url) {
        return new SourceSettings(id, Optional.of(url), lookups, urls, localOnly, licence, cadence, limits, description);
    }

    /** A lookup template expanded for one identifier, as an absolute URL under the base URL. */
    public URI lookup(String template, String identifier) {
        String base = baseUrl.orElseThrow(() -> new IllegalStateException("source " + id + " has no base_url"));
        String path = template.replace("{lei}", identifier).replace("{id}", identifier)
                .replace("[", "%5B").replace("]", "%5D");
        return URI.create(base + path);
    }

    /**
     * A lookup template with named placeholders ({@code {leis}}, {@code {name}}, {@code {country}} ...) filled in,
     * each value percent-encoded as a query value (a space as {@code %20}, a comma as {@code %2C}), as an absolute URL
     * under the base URL.
     */
    public URI lookup(String template, Map<String, String> values) {
        String base = baseUrl.orElseThrow(() -> new IllegalStateException("source " + id + " has no base_url"));
        String path = template.replace("[", "%5B").replace("]", "%5D");
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replace("{" + v.getKey() + "}",
                    java.net.URLEncoder.encode(v.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(base + path);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> entries(Path file) throws IOException {
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(file + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("sources") instanceof Map<?, ?> sources)) {
            throw new IllegalArgumentException(file + ": expected a top-level 'sources:' map");
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : sources.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(file + ": source '" + e.getKey() + "' is not a map of settings");
            }
            out.put(String.valueOf(e.getKey()), (Map<String, Object>) m);
        }
        return out;
    }

    private static SourceSettings of(Path file, String id, Map<String, Object> m) {
        String where = file + ": source '" + id + "'";
        Optional<String> base = Optional.ofNullable(text(m, "base_url", where)).map(u -> httpUrl(id, u));
        List<String> urls = new ArrayList<>(list(m, "urls", where));
        Optional.ofNullable(text(m, "bulk", where)).ifPresent(urls::add);
        Object local = m.get("local_only");
        if (local != null && !(local instanceof Boolean)) {
            throw new IllegalArgumentException(where + ": local_only must be true or false");
        }
        return new SourceSettings(id, base, list(m, "lookups", where), urls, Boolean.TRUE.equals(local),
                text(m, "licence", where), text(m, "cadence", where), text(m, "limits", where),
                text(m, "description", where));
    }

    private static String text(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v == null ? null : v.toString();
        }
        throw new IllegalArgumentException(where + ": " + key + " must be a single value");
    }

    private static List<String> list(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> items)) {
            throw new IllegalArgumentException(where + ": " + key + " must be a list");
        }
        return items.stream().map(String::valueOf).toList();
    }

    /** An absolute http(s) URL, as a base URL ending with {@code /}. */
    private static String httpUrl(String id, String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base URL of source '" + id + "' is not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("base URL of source '" + id + "' must be an absolute http(s) URL: " + url);
        }
        String s = uri.toString();
        return s.endsWith("/") ? s : s + "/";
    }
}
