package org.trustmap.crawler.sources.gleif;

import java.util.ArrayList;
import java.util.List;

/** Reads LEI-CDF, RR-CDF and reporting-exception XML records (local names of the GLEIF schemas). */
final class XmlMappers {
    private XmlMappers() {
    }

    /** {@code lei:LEIRecord} (LEI-CDF 2.1 / 3.1). */
    static GleifRecord.Lei lei(XmlElement record) {
        XmlElement entity = record.child("Entity");
        List<String> otherNames = new ArrayList<>();
        entity.child("OtherEntityNames").children("OtherEntityName").forEach(n -> otherNames.add(n.text()));
        entity.child("TransliteratedOtherEntityNames").children("TransliteratedOtherEntityName")
                .forEach(n -> otherNames.add(n.text()));
        otherNames.removeIf(n -> n == null);
        return new GleifRecord.Lei(record.text("LEI"), entity.text("LegalName"), otherNames,
                entity.text("LegalJurisdiction"), entity.text("LegalAddress", "Country"),
                entity.text("HeadquartersAddress", "Country"),
                entity.text("RegistrationAuthority", "RegistrationAuthorityEntityID"),
                entity.text("RegistrationAuthority", "RegistrationAuthorityID"), entity.text("EntityStatus"),
                record.text("Registration", "LastUpdateDate"));
    }

    /** {@code rr:RelationshipRecord} (RR-CDF 1.1 / 2.1). */
    static GleifRecord.Relationship relationship(XmlElement record) {
        XmlElement rel = record.child("Relationship");
        List<GleifRecord.Period> periods = rel.child("RelationshipPeriods").children("RelationshipPeriod").stream()
                .map(p -> new GleifRecord.Period(p.text("PeriodType"), p.text("StartDate"))).toList();
        List<GleifRecord.Quantifier> quantifiers = rel.child("RelationshipQuantifiers")
                .children("RelationshipQuantifier").stream()
                .map(q -> new GleifRecord.Quantifier(q.text("QuantifierAmount"), q.text("QuantifierUnits"))).toList();
        return new GleifRecord.Relationship(rel.text("StartNode", "NodeID"), rel.text("StartNode", "NodeIDType"),
                rel.text("EndNode", "NodeID"), rel.text("EndNode", "NodeIDType"), rel.text("RelationshipType"),
                rel.text("RelationshipStatus"), GleifRecord.Period.relationshipStart(periods),
                GleifRecord.Quantifier.percentage(quantifiers), record.text("Registration", "ValidationReference"),
                record.text("Registration", "LastUpdateDate"));
    }

    /** {@code repex:Exception}. */
    static GleifRecord.ReportingException exception(XmlElement record) {
        List<String> reasons = record.children("ExceptionReason").stream().map(XmlElement::text).toList();
        return new GleifRecord.ReportingException(record.text("LEI"), record.text("ExceptionCategory"),
                reasons.stream().filter(r -> r != null).toList());
    }
}
