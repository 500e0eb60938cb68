package org.trustmap.crawler.sources.gleif;

import java.time.LocalDate;
import java.util.List;

/** What every GLEIF format reads into, whatever its syntax: a record the {@link GleifStager} checks and writes. */
sealed interface GleifRecord {

    /** A Level 1 LEI record (LEI-CDF, API {@code lei-records}, LEI2 CSV). Values as given, not yet checked. */
    record Lei(String lei, String legalName, List<String> otherNames, String legalJurisdiction, String legalCountry,
               String hqCountry, String registeredAs, String registrationAuthority, String entityStatus,
               String lastUpdateDate) implements GleifRecord {
        public Lei {
            otherNames = List.copyOf(otherNames);
        }
    }

    /**
     * A Level 2 relationship (RR-CDF, API {@code relationship-records}, RR CSV).
     *
     * @param startDate           start of the RELATIONSHIP_PERIOD, else of the first period
     * @param percentage          QuantifierAmount of the first quantifier in PERCENTAGE units, or null
     * @param validationReference Registration ValidationReference (API: corroborationReference)
     */
    record Relationship(String startId, String startType, String endId, String endType, String type, String status,
                        String startDate, String percentage, String validationReference, String lastUpdateDate)
            implements GleifRecord {
    }

    /** A Level 2 reporting exception: why an entity reports no direct or ultimate parent. */
    record ReportingException(String lei, String category, List<String> reasons) implements GleifRecord {
        public ReportingException {
            reasons = List.copyOf(reasons);
        }
    }

    /** A period of a relationship: its type and start date, as given. */
    record Period(String type, String startDate) {
        /** The RELATIONSHIP_PERIOD's start date, else the first period's. */
        static String relationshipStart(List<Period> periods) {
            return periods.stream().filter(p -> "RELATIONSHIP_PERIOD".equals(p.type()) && p.startDate() != null)
                    .map(Period::startDate).findFirst()
                    .orElse(periods.stream().map(Period::startDate).filter(d -> d != null).findFirst().orElse(null));
        }
    }

    /** A relationship quantifier, as given. */
    record Quantifier(String amount, String units) {
        /** The amount of the first PERCENTAGE quantifier, or null. */
        static String percentage(List<Quantifier> quantifiers) {
            return quantifiers.stream().filter(q -> "PERCENTAGE".equals(q.units()) && q.amount() != null)
                    .map(Quantifier::amount).findFirst().orElse(null);
        }
    }
}
