package org.trustmap.crawler.sources.bods;

import org.trustmap.crawler.sources.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.graph.Node;
import org.trustmap.crawler.Countries;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * Beneficial Ownership Data Standard 0.4 statements, as a JSON array or JSON lines.
 *
 * <ul>
 * <li>Entity statements: an organization record with its name, other names ({@code alternateNames}),
 * {@code jurisdiction} (or {@code incorporatedInJurisdiction}) as {@code tm:legalJurisdiction}, identifiers (scheme
 * {@code XI-LEI} as {@code tm:lei}, the first other one as {@code tm:registeredAs} with its scheme as
 * {@code tm:registrationAuthority}), the countries of its registered and business addresses.</li>
 * <li>Relationship statements between entities: the subject {@code CONTROLLED_BY} the interested party. controlKind
 * {@code STATE} when the party is a state or state body, else by the interests: {@code SHAREHOLDING},
 * {@code VOTING_RIGHTS}, {@code BOARD_APPOINTMENT}, {@code OTHER_INFLUENCE}; {@code tm:share} is the exact share or
 * else the lower bound of the stated range.</li>
 * <li>A relationship to a person closes the chain: the subject gets {@code tm:parentException
 * ULTIMATE:NATURAL_PERSONS} (no personal data is staged). An unspecified interested party gives
 * {@code ULTIMATE:<REASON>} ({@code subjectExemptFromDisclosure} -> {@code ULTIMATE:SUBJECT_EXEMPT_FROM_DISCLOSURE}).</li>
 * </ul>
 * Records may be referenced before they are stated: relationships wait until the end of the document when a party
 * is not known yet. Person statements are read for their record id only.
 */
public final class BodsParser implements SourceParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEI = Pattern.compile("^[A-Z0-9]{18}[0-9]{2}$");
    private static final Set<String> STATE_TYPES = Set.of("state", "stateBody");
    private static final Set<String> BOARD = Set.of("appointmentOfBoard", "controlViaCompanyRulesOrArticles",
            "controlByLegalFramework", "boardMember", "boardChair");
    private static final String CONFIDENCE = "registry";

    /** What a relationship needs to know about a record stated earlier in the document. */
    private record Party(Node node, boolean person, boolean state, String name, String lei, String jurisdiction) {
    }

    private record Pending(String where, JsonNode statement) {
    }

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        Map<String, Party> parties = new HashMap<>();
        List<Pending> pending = new ArrayList<>();
        JsonValues.readObjects(body, JSON, context,
                (n, line) -> "statement " + n + " (line " + line + ")",
                (s, where, line) -> statement(s, where, parties, pending, sink));
        for (Pending r : pending) {
            try {
                relationship(r.statement(), r.where(), parties, sink);
            } catch (IllegalArgumentException e) {
                context.reject(r.where(), e.getMessage());
            }
        }
    }

    private static void statement(JsonNode s, String where, Map<String, Party> parties, List<Pending> pending,
                                  RecordSink sink) {
        String type = text(s.get("recordType"));
        String recordId = text(s.get("recordId"));
        if (type == null || recordId == null) {
            throw new IllegalArgumentException("is no BODS 0.4 statement (recordType or recordId missing)");
        }
        switch (type) {
            case "entity" -> parties.put(recordId, entity(s, where, sink));
            case "person" -> parties.put(recordId, new Party(null, true, false, null, null, null));
            case "relationship" -> {
                JsonNode d = s.path("recordDetails");
                String subject = text(d.get("subject"));
                String party = text(d.get("interestedParty"));
                if (subject != null && parties.containsKey(subject)
                        && (party == null || parties.containsKey(party))) {
                    relationship(s, where, parties, sink);
                } else {
                    pending.add(new Pending(where, s));
                }
            }
            default -> throw new IllegalArgumentException("recordType '" + type + "' is not entity, person or relationship");
        }
    }

    private static Party entity(JsonNode s, String where, RecordSink sink) {
        JsonNode d = s.path("recordDetails");
        String name = text(d.get("name"));
        if (name == null) {
            throw new IllegalArgumentException("entity " + text(s.get("recordId")) + " has no name");
        }
        String entityType = text(d.path("entityType").get("type"));
        Node org = sink.record(Tm.Organization, key(s, "entity"), ref(s, where), evidence(s), date(s));
        sink.literal(org, Tm.name, name);
        for (JsonNode alt : iterable(d.get("alternateNames"))) {
            if (!name.equals(text(alt))) {
                sink.literal(org, Tm.otherName, text(alt));
            }
        }
        String jurisdiction = jurisdiction(d.has("jurisdiction") ? d.get("jurisdiction") : d.get("incorporatedInJurisdiction"));
        sink.literal(org, Tm.legalJurisdiction, jurisdiction);
        String lei = null;
        boolean registered = false;
        for (JsonNode id : iterable(d.get("identifiers"))) {
            String scheme = text(id.get("scheme"));
            String value = text(id.get("id"));
            if (value == null) {
                continue;
            }
            if ("XI-LEI".equals(scheme) && LEI.matcher(value.toUpperCase(Locale.ROOT)).matches()) {
                lei = value.toUpperCase(Locale.ROOT);
            } else if (!registered && scheme != null) {
                sink.literal(org, Tm.registeredAs, value);
                sink.literal(org, Tm.registrationAuthority, scheme);
                registered = true;
            }
        }
        sink.literal(org, Tm.lei, lei);
        String legalCountry = null;
        String hqCountry = null;
        for (JsonNode a : iterable(d.get("addresses"))) {
            String country = country(a.get("country"));
            String addressType = text(a.get("type"));
            if ("registered".equals(addressType) && legalCountry == null) {
                legalCountry = country;
            } else if ("business".equals(addressType) && hqCountry == null) {
                hqCountry = country;
            }
        }
        sink.literal(org, Tm.legalCountry, legalCountry);
        sink.literal(org, Tm.hqCountry, hqCountry);
        sink.literal(org, Tm.confidence, CONFIDENCE);
        return new Party(org, false, STATE_TYPES.contains(entityType), name, lei, jurisdiction);
    }

    private static void relationship(JsonNode s, String where, Map<String, Party> parties, RecordSink sink) {
        JsonNode d = s.path("recordDetails");
        String subjectId = text(d.get("subject"));
        Party subject = subjectId == null ? null : parties.get(subjectId);
        if (subject == null || subject.person()) {
            throw new IllegalArgumentException("subject " + subjectId + " is no entity stated in this document");
        }
        JsonNode partyNode = d.get("interestedParty");
        if (partyNode != null && partyNode.isObject()) {
            String reason = text(partyNode.get("reason"));
            exception(s, where, subject, "ULTIMATE:" + (reason == null ? "UNKNOWN" : snake(reason)), sink);
            return;
        }
        String partyId = text(partyNode);
        Party party = partyId == null ? null : parties.get(partyId);
        if (party == null) {
            throw new IllegalArgumentException("interested party " + partyId + " is not stated in this document");
        }
        if (party.person()) {
            exception(s, where, subject, "ULTIMATE:NATURAL_PERSONS", sink);
            return;
        }
        List<JsonNode> interests = new ArrayList<>();
        iterable(d.get("interests")).forEach(interests::add);
        JsonNode main = pick(interests, "shareholding").or(() -> pick(interests, "votingRights"))
                .or(() -> interests.stream().filter(i -> BOARD.contains(text(i.get("type")))).findFirst())
                .orElse(interests.isEmpty() ? JSON.createObjectNode() : interests.get(0));
        String interestType = text(main.get("type"));
        String kind = party.state() ? "STATE"
                : "shareholding".equals(interestType) ? "SHAREHOLDING"
                : "votingRights".equals(interestType) ? "VOTING_RIGHTS"
                : BOARD.contains(interestType) ? "BOARD_APPOINTMENT" : "OTHER_INFLUENCE";
        boolean indirect = interests.stream().allMatch(i -> "indirect".equals(text(i.get("directOrIndirect"))))
                && !interests.isEmpty();
        Node link = sink.link(key(s, "relationship"), subject.node(), party.node(), "CONTROLLED_BY",
                ref(s, where) + (indirect ? " (indirect)" : ""), evidence(s), date(s));
        sink.literal(link, Tm.controlKind, kind);
        sink.decimal(link, Tm.share, share(main.get("share")));
        sink.date(link, Tm.startDate, date(text(main.get("startDate"))));
        LocalDate end = date(text(main.get("endDate")));
        sink.date(link, Tm.endDate, end);
        sink.literal(link, Tm.linkStatus, end != null || "closed".equals(text(s.get("recordStatus"))) ? "INACTIVE" : null);
        sink.literal(link, Tm.confidence, CONFIDENCE);
    }

    /** A record of the subject (same name, LEI, jurisdiction) carrying the exception, on the relationship's evidence. */
    private static void exception(JsonNode s, String where, Party subject, String exception, RecordSink sink) {
        Node org = sink.record(Tm.Organization, key(s, "relationship") + "/subject", ref(s, where), evidence(s), date(s));
        sink.literal(org, Tm.name, subject.name());
        sink.literal(org, Tm.lei, subject.lei());
        sink.literal(org, Tm.legalJurisdiction, subject.jurisdiction());
        sink.literal(org, Tm.parentException, exception);
        sink.literal(org, Tm.confidence, CONFIDENCE);
    }

    private static Optional<JsonNode> pick(List<JsonNode> interests, String type) {
        return interests.stream().filter(i -> type.equals(text(i.get("type")))).findFirst();
    }

    /** The exact share, else the lower bound of the range (minimum or exclusiveMinimum): the share is at least that. */
    private static BigDecimal share(JsonNode share) {
        if (share == null || !share.isObject()) {
            return null;
        }
        for (String field : List.of("exact", "minimum", "exclusiveMinimum")) {
            JsonNode v = share.get(field);
            if (v != null && v.isNumber()) {
                BigDecimal pct = v.decimalValue();
                if (pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new IllegalArgumentException("share " + field + " " + pct + " is outside 0..100");
                }
                return pct.stripTrailingZeros().scale() < 0 ? pct.setScale(0) : pct.stripTrailingZeros();
            }
        }
        return null;
    }

    private static String jurisdiction(JsonNode j) {
        if (j == null || !j.isObject()) {
            return null;
        }
        String code = text(j.get("code"));
        if (code != null && code.matches("(?i)^[a-z]{2}(-[a-z0-9]{1,3})?$")) {
            return code.toUpperCase(Locale.ROOT);
        }
        return Countries.code(text(j.get("name"))).orElse(null);
    }

    private static String country(JsonNode c) {
        if (c == null) {
            return null;
        }
        if (c.isObject()) {
            return Countries.code(text(c.get("code"))).or(() -> Countries.code(text(c.get("name")))).orElse(null);
        }
        return Countries.code(text(c)).orElse(null);
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(Locale.ROOT);
    }

    private static String key(JsonNode s, String kind) {
        String id = text(s.get("statementId"));
        return "statement/" + (id != null ? id : kind + "/" + text(s.get("recordId")));
    }

    private static String ref(JsonNode s, String where) {
        String id = text(s.get("statementId"));
        return id == null ? where : where + " " + id;
    }

    private static String evidence(JsonNode s) {
        String url = text(s.path("source").get("url"));
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static LocalDate date(JsonNode s) {
        return date(text(s.get("statementDate")));
    }

    private static LocalDate date(String text) {
        return JsonValues.date(text);
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return JsonValues.iterable(array);
    }

    private static String text(JsonNode v) {
        return JsonValues.text(v);
    }
}
