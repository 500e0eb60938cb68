package org.trustmap.crawler.sources.opensanctions;

import org.trustmap.crawler.sources.JsonValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.graph.Node;
import org.trustmap.crawler.Countries;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * FollowTheMoney entities as OpenSanctions exports them ({@code entities.ftm.json}: one JSON object per line with
 * {@code id, schema, caption, properties, datasets, target, last_seen}).
 *
 * <ul>
 * <li>{@code Company}, {@code Organization}, {@code LegalEntity}, {@code PublicBody}: an organization record named
 * by its caption, other names ({@code name}, {@code alias}, {@code previousName}) as {@code tm:otherName},
 * {@code jurisdiction} as {@code tm:legalJurisdiction} (the register it is incorporated in; several distinct ones go
 * to {@code tm:basedIn}), {@code country} as {@code tm:basedIn}, {@code leiCode} as {@code tm:lei},
 * {@code registrationNumber} as {@code tm:registeredAs}; a sanctions target is flagged by each list dataset it is in
 * ({@link DatasetFlags}). Weak aliases and abbreviations are not names to merge on and are left out.</li>
 * <li>{@code Ownership}: the asset {@code CONTROLLED_BY} the owner, controlKind {@code SHAREHOLDING} with the
 * percentage as {@code tm:share}; without a percentage but with a stated role ("subsidiary of") controlKind
 * {@code STATED}; start and end dates; an ended one {@code tm:linkStatus INACTIVE}. Ownership by a person is skipped.</li>
 * <li>{@code Person} and every other schema: skipped; Trustmap does not stage natural persons.</li>
 * </ul>
 * Entities may come in any order: organizations are staged as they come and ownerships at the end of the document.
 */
public final class FtmEntitiesParser implements SourceParser {
    public static final String ENTITY_PAGE = "https://www.opensanctions.org/entities/";
    private static final Set<String> ORGANIZATIONS = Set.of("Company", "Organization", "LegalEntity", "PublicBody");
    private static final Pattern LEI = Pattern.compile("^[A-Z0-9]{18}[0-9]{2}$");
    private static final String CONFIDENCE = "list";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Ownership(long line, String id, List<String> owners, List<String> assets, String percentage,
                             String role, LocalDate start, LocalDate end, LocalDate seen) {
    }

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        Map<String, Node> orgs = new HashMap<>();
        Set<String> persons = new HashSet<>();
        List<Ownership> ownerships = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        long lineNo = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String where = "line " + lineNo;
            JsonNode e;
            try {
                e = JSON.readTree(line);
            } catch (JsonProcessingException ex) {
                context.reject(where, "not a JSON object: " + ex.getOriginalMessage());
                continue;
            }
            String id = text(e.get("id"));
            String schema = text(e.get("schema"));
            if (id == null || schema == null) {
                context.reject(where, "entity without id or schema");
                continue;
            }
            try {
                if (ORGANIZATIONS.contains(schema)) {
                    orgs.put(id, organization(e, id, lineNo, sink));
                } else if ("Person".equals(schema)) {
                    persons.add(id);
                } else if ("Ownership".equals(schema)) {
                    JsonNode p = e.path("properties");
                    ownerships.add(new Ownership(lineNo, id, texts(p.get("owner")), texts(p.get("asset")),
                            first(p.get("percentage")), first(p.get("role")), date(first(p.get("startDate"))),
                            date(first(p.get("endDate"))), seen(e)));
                }
            } catch (IllegalArgumentException ex) {
                context.reject(where + " (" + schema + " " + id + ")", ex.getMessage());
            }
        }
        for (Ownership o : ownerships) {
            String where = "line " + o.line() + " (Ownership " + o.id() + ")";
            try {
                ownership(o, orgs, persons, where, sink);
            } catch (IllegalArgumentException ex) {
                context.reject(where, ex.getMessage());
            }
        }
    }

    private static Node organization(JsonNode e, String id, long line, RecordSink sink) {
        JsonNode p = e.path("properties");
        Set<String> names = new LinkedHashSet<>(texts(p.get("name")));
        String caption = text(e.get("caption"));
        String name = caption != null && names.contains(caption) ? caption
                : names.isEmpty() ? caption : names.iterator().next();
        if (name == null) {
            throw new IllegalArgumentException("has no name");
        }
        Node org = sink.record(Tm.Organization, "entity/" + id, "line " + line + " (entity " + id + ")",
                evidence(p, id), seen(e));
        sink.literal(org, Tm.name, name);
        names.addAll(texts(p.get("alias")));
        names.addAll(texts(p.get("previousName")));
        names.remove(name);
        names.forEach(other -> sink.literal(org, Tm.otherName, other));

        Set<String> jurisdictions = codes(p.get("jurisdiction"));
        Set<String> countries = codes(p.get("country"));
        if (jurisdictions.size() == 1) {
            sink.literal(org, Tm.legalJurisdiction, jurisdictions.iterator().next());
            countries.removeAll(jurisdictions);
        } else {
            countries.addAll(jurisdictions);
        }
        countries.forEach(c -> sink.literal(org, Tm.basedIn, c));

        texts(p.get("leiCode")).stream().map(String::strip).filter(l -> LEI.matcher(l).matches()).findFirst()
                .ifPresent(l -> sink.literal(org, Tm.lei, l));
        sink.literal(org, Tm.registeredAs, first(p.get("registrationNumber")));
        if (e.path("target").asBoolean(false)) {
            Set<String> flags = new LinkedHashSet<>();
            texts(e.get("datasets")).forEach(d -> DatasetFlags.flag(d).ifPresent(flags::add));
            flags.forEach(f -> sink.literal(org, Tm.flag, f));
        }
        sink.literal(org, Tm.confidence, CONFIDENCE);
        return org;
    }

    private static void ownership(Ownership o, Map<String, Node> orgs, Set<String> persons, String where,
                                  RecordSink sink) {
        if (o.owners().isEmpty() || o.assets().isEmpty()) {
            throw new IllegalArgumentException("names no owner or no asset");
        }
        BigDecimal share = percent(o.percentage());
        int n = 0;
        for (String ownerId : o.owners()) {
            if (persons.contains(ownerId)) {
                continue; // natural persons are not staged
            }
            Node owner = orgs.get(ownerId);
            if (owner == null) {
                throw new IllegalArgumentException("owner " + ownerId + " is no organization in this document");
            }
            for (String assetId : o.assets()) {
                Node asset = orgs.get(assetId);
                if (asset == null) {
                    if (persons.contains(assetId)) {
                        continue;
                    }
                    throw new IllegalArgumentException("asset " + assetId + " is no organization in this document");
                }
                String key = "entity/" + o.id() + (n++ == 0 ? "" : "/" + n);
                Node link = sink.link(key, asset, owner, "CONTROLLED_BY", where, ENTITY_PAGE + assetId + "/",
                        o.seen());
                sink.literal(link, Tm.controlKind, share == null && o.role() != null ? "STATED" : "SHAREHOLDING");
                sink.decimal(link, Tm.share, share);
                sink.date(link, Tm.startDate, o.start());
                sink.date(link, Tm.endDate, o.end());
                sink.literal(link, Tm.linkStatus, o.end() != null ? "INACTIVE" : null);
                sink.literal(link, Tm.confidence, CONFIDENCE);
            }
        }
    }

    private static String evidence(JsonNode properties, String id) {
        return texts(properties.get("sourceUrl")).stream().map(String::strip)
                .filter(u -> u.startsWith("https://") || u.startsWith("http://")).findFirst()
                .orElse(ENTITY_PAGE + id + "/");
    }

    private static Set<String> codes(JsonNode values) {
        Set<String> out = new LinkedHashSet<>();
        texts(values).forEach(v -> Countries.code(v).ifPresent(out::add));
        return out;
    }

    private static BigDecimal percent(String text) {
        if (text == null) {
            return null;
        }
        BigDecimal pct;
        try {
            pct = new BigDecimal(text.replace("%", "").replace(',', '.').strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("percentage '" + text + "' is not a number");
        }
        if (pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("percentage " + text + " is outside 0..100");
        }
        return pct;
    }

    /** A full date; FollowTheMoney also writes "2005" or "2005-09", which say too little for a start or end. */
    private static LocalDate date(String text) {
        return JsonValues.date(text);
    }

    private static LocalDate seen(JsonNode e) {
        return date(text(e.get("last_seen")));
    }

    private static String first(JsonNode values) {
        List<String> all = texts(values);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<String> texts(JsonNode values) {
        List<String> out = new ArrayList<>();
        if (values != null && values.isArray()) {
            values.forEach(v -> {
                String t = text(v);
                if (t != null) {
                    out.add(t);
                }
            });
        } else if (text(values) != null) {
            out.add(text(values));
        }
        return out;
    }

    private static String text(JsonNode v) {
        return JsonValues.text(v);
    }
}
