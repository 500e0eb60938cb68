package org.trustmap.crawler.sources.gleif;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the resources of the GLEIF API v1 (JSON:API {@code data} items) by their attribute names. */
final class JsonMappers {
    private JsonMappers() {
    }

    /** {@code lei-records}. */
    static GleifRecord.Lei lei(JsonNode attributes) {
        JsonNode entity = attributes.path("entity");
        List<String> otherNames = new ArrayList<>();
        for (String list : List.of("otherNames", "transliteratedOtherNames")) {
            entity.path(list).forEach(n -> otherNames.add(text(n.path("name"))));
        }
        otherNames.removeIf(n -> n == null);
        return new GleifRecord.Lei(text(attributes.path("lei")), text(entity.path("legalName").path("name")),
                otherNames, text(entity.path("jurisdiction")), text(entity.path("legalAddress").path("country")),
                text(entity.path("headquartersAddress").path("country")), text(entity.path("registeredAs")),
                text(entity.path("registeredAt").path("id")), text(entity.path("status")),
                text(attributes.path("registration").path("lastUpdateDate")));
    }

    /** {@code relationship-records}; the reference is {@code validationReference} or {@code corroborationReference}. */
    static GleifRecord.Relationship relationship(JsonNode attributes) {
        JsonNode rel = attributes.path("relationship");
        JsonNode registration = attributes.path("registration");
        List<GleifRecord.Period> periods = new ArrayList<>();
        rel.path("periods").forEach(p -> periods.add(new GleifRecord.Period(text(p.path("type")),
                text(p.path("startDate")))));
        List<GleifRecord.Quantifier> quantifiers = new ArrayList<>();
        rel.path("quantifiers").forEach(q -> quantifiers.add(new GleifRecord.Quantifier(
                text(q.path("quantifierAmount")), text(q.path("quantifierUnits")))));
        String reference = text(registration.path("validationReference"));
        return new GleifRecord.Relationship(text(rel.path("startNode").path("id")),
                text(rel.path("startNode").path("type")), text(rel.path("endNode").path("id")),
                text(rel.path("endNode").path("type")), text(rel.path("type")), text(rel.path("status")),
                GleifRecord.Period.relationshipStart(periods), GleifRecord.Quantifier.percentage(quantifiers),
                reference != null ? reference : text(registration.path("corroborationReference")),
                text(registration.path("lastUpdateDate")));
    }

    /** {@code reporting-exceptions}; {@code reason} is one value or a list. */
    static GleifRecord.ReportingException exception(JsonNode attributes) {
        JsonNode reason = attributes.path("reason");
        List<String> reasons = new ArrayList<>();
        if (reason.isArray()) {
            reason.forEach(r -> reasons.add(text(r)));
        } else {
            reasons.add(text(reason));
        }
        reasons.removeIf(r -> r == null);
        return new GleifRecord.ReportingException(text(attributes.path("lei")), text(attributes.path("category")),
                reasons);
    }

    /** A scalar's text, stripped; null when missing, JSON null or blank. */
    static String text(JsonNode node) {
        return node == null || !node.isValueNode() || node.isNull() ? null : GleifValues.blankToNull(node.asText());
    }
}
