package org.trustmap.crawler.sources.gleif;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.csv.CSVRecord;

/**
 * Reads the rows of the GLEIF golden-copy CSV files (LEI2, RR, Repex) by their published column names. Each
 * {@code for...} method prepares the column lookup once per file and returns the row reader.
 */
final class CsvMappers {
    private static final String OTHER_NAME = "Entity.OtherEntityNames.OtherEntityName.";
    private static final String TRANSLITERATED = "Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.";
    private static final String PERIOD = "Relationship.Period.";
    private static final String QUANTIFIER = "Relationship.Quantifiers.";

    private CsvMappers() {
    }

    static Function<CSVRecord, GleifRecord> forLei(CsvColumns c) {
        List<String> nameColumns = new ArrayList<>();
        c.numbers(OTHER_NAME, "").forEach(n -> nameColumns.add(OTHER_NAME + n));
        c.numbers(TRANSLITERATED, "").forEach(n -> nameColumns.add(TRANSLITERATED + n));
        return row -> new GleifRecord.Lei(c.get(row, "LEI"), c.get(row, "Entity.LegalName"),
                nameColumns.stream().map(col -> c.get(row, col)).filter(v -> v != null).toList(),
                c.get(row, "Entity.LegalJurisdiction"), c.get(row, "Entity.LegalAddress.Country"),
                c.get(row, "Entity.HeadquartersAddress.Country"),
                c.get(row, "Entity.RegistrationAuthority.RegistrationAuthorityEntityID"),
                c.get(row, "Entity.RegistrationAuthority.RegistrationAuthorityID"),
                c.get(row, "Entity.EntityStatus"), c.get(row, "Registration.LastUpdateDate"));
    }

    static Function<CSVRecord, GleifRecord> forRelationship(CsvColumns c) {
        List<Integer> periods = c.numbers(PERIOD, ".startDate");
        List<Integer> quantifiers = c.numbers(QUANTIFIER, ".QuantifierAmount");
        return row -> new GleifRecord.Relationship(c.get(row, "Relationship.StartNode.NodeID"),
                c.get(row, "Relationship.StartNode.NodeIDType"), c.get(row, "Relationship.EndNode.NodeID"),
                c.get(row, "Relationship.EndNode.NodeIDType"), c.get(row, "Relationship.RelationshipType"),
                c.get(row, "Relationship.RelationshipStatus"),
                GleifRecord.Period.relationshipStart(periods.stream().map(n -> new GleifRecord.Period(
                        c.get(row, PERIOD + n + ".periodType"), c.get(row, PERIOD + n + ".startDate"))).toList()),
                GleifRecord.Quantifier.percentage(quantifiers.stream().map(n -> new GleifRecord.Quantifier(
                        c.get(row, QUANTIFIER + n + ".QuantifierAmount"),
                        c.get(row, QUANTIFIER + n + ".QuantifierUnits"))).toList()),
                c.get(row, "Registration.ValidationReference"), c.get(row, "Registration.LastUpdateDate"));
    }

    /** Published as {@code Exception.Category}/{@code Exception.Reason.N}; the undotted spelling is accepted too. */
    static Function<CSVRecord, GleifRecord> forException(CsvColumns c) {
        String category = c.firstOf("Exception.Category", "ExceptionCategory");
        String reasonPrefix = c.numbers("Exception.Reason.", "").isEmpty() ? "ExceptionReason." : "Exception.Reason.";
        List<Integer> reasons = c.numbers(reasonPrefix, "");
        return row -> new GleifRecord.ReportingException(c.get(row, "LEI"), c.get(row, category),
                reasons.stream().map(n -> c.get(row, reasonPrefix + n)).filter(v -> v != null).toList());
    }
}
