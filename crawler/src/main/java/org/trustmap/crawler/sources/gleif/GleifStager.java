package org.trustmap.crawler.sources.gleif;

import static org.trustmap.crawler.sources.gleif.GleifValues.gleifUrl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.jena.graph.Node;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.Tm;

/**
 * Checks GLEIF records and writes them in the Trustmap vocabulary, one call per record: a bad record is rejected
 * through the context with its location and the document goes on.
 */
final class GleifStager {
    static final String CONTROLLED_BY = "CONTROLLED_BY";
    static final String DIRECT = "IS_DIRECTLY_CONSOLIDATED_BY";
    static final String ULTIMATE = "IS_ULTIMATELY_CONSOLIDATED_BY";
    private static final Map<String, String> CONTROL_KINDS = Map.of(
            DIRECT, "DIRECT_CONSOLIDATION",
            ULTIMATE, "ULTIMATE_CONSOLIDATION",
            "IS_INTERNATIONAL_BRANCH_OF", "BRANCH");
    private static final Map<String, String> EXCEPTION_PREFIXES = Map.of(
            "DIRECT_ACCOUNTING_CONSOLIDATION_PARENT", "DIRECT:",
            "ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT", "ULTIMATE:");
    private static final String REGISTRY = "registry";

    private final ParseContext context;
    private final RecordSink sink;
    private LocalDate documentDate;
    /** LEIs this document has written a stub for. */
    private final LeiSet stubbed = new LeiSet();
    private long accepted;
    private long rejected;
    private long skipped;

    GleifStager(ParseContext context, RecordSink sink) {
        this.context = context;
        this.sink = sink;
    }

    ParseContext context() {
        return context;
    }

    /** The date the whole document speaks for (header ContentDate, API goldenCopy publishDate), or null. */
    void documentDate(LocalDate date) {
        this.documentDate = date;
    }

    LocalDate documentDate() {
        return documentDate;
    }

    /** Reads one record and stages it; a {@link BadRecord} thrown while reading or checking is rejected. */
    void stage(String location, Supplier<? extends GleifRecord> reader) {
        attempt(location, () -> {
            GleifRecord record = reader.get();
            if (record instanceof GleifRecord.Lei lei) {
                lei(lei);
            } else if (record instanceof GleifRecord.Relationship rel) {
                relationship(rel, null, null);
            } else if (record instanceof GleifRecord.ReportingException ex) {
                exception(ex);
            }
        });
    }

    /** Runs the staging of one record; a {@link BadRecord} is rejected with the location. */
    void attempt(String location, Runnable staging) {
        try {
            staging.run();
            accepted++;
        } catch (BadRecord e) {
            reject(location, e.getMessage());
        }
    }

    void reject(String location, String reason) {
        rejected++;
        context.reject(location, reason);
    }

    GleifSummary summary() {
        return new GleifSummary(accepted, rejected, skipped, sink.records());
    }

    Node lei(GleifRecord.Lei r) {
        String lei = GleifValues.lei(r.lei(), "LEI");
        String name = GleifValues.blankToNull(r.legalName());
        if (name == null) {
            throw new BadRecord("LEI " + lei + " has no LegalName");
        }
        String legalCountry = GleifValues.country(r.legalCountry(), "LegalAddress Country");
        String hqCountry = GleifValues.country(r.hqCountry(), "HeadquartersAddress Country");
        LocalDate date = dateOr(GleifValues.date(r.lastUpdateDate(), "LastUpdateDate"));

        Node org = sink.record(Tm.Organization, "lei/" + lei, "LEI " + lei, gleifUrl(lei), date);
        sink.literal(org, Tm.lei, lei);
        sink.literal(org, Tm.name, name);
        r.otherNames().forEach(other -> sink.literal(org, Tm.otherName, other));
        sink.literal(org, Tm.legalJurisdiction, r.legalJurisdiction());
        sink.literal(org, Tm.legalCountry, legalCountry);
        sink.literal(org, Tm.hqCountry, hqCountry);
        sink.literal(org, Tm.registeredAs, r.registeredAs());
        sink.literal(org, Tm.registrationAuthority, r.registrationAuthority());
        sink.literal(org, Tm.entityStatus, r.entityStatus());
        sink.literal(org, Tm.confidence, REGISTRY);
        return org;
    }

    /**
     * Stages a relationship: stub organizations for its nodes and, for consolidation and branch relationships, a
     * CONTROLLED_BY link. Other relationship types are counted as skipped.
     *
     * @param evidenceUrl overrides ValidationReference when not null
     * @param parentRecord the end node's full LEI record when the same capture stages it, else null (a stub is made)
     */
    void relationship(GleifRecord.Relationship r, String evidenceUrl, Node parentRecord) {
        String type = GleifValues.blankToNull(r.type());
        if (type == null) {
            throw new BadRecord("no RelationshipType");
        }
        nodeType(r.startType(), "StartNode");
        nodeType(r.endType(), "EndNode");
        String start = GleifValues.lei(r.startId(), "StartNode NodeID");
        String end = GleifValues.lei(r.endId(), "EndNode NodeID");
        String kind = CONTROL_KINDS.get(type);
        if (kind == null) {
            skipped++;
            return;
        }
        LocalDate date = dateOr(GleifValues.date(r.lastUpdateDate(), "LastUpdateDate"));
        LocalDate startDate = GleifValues.date(r.startDate(), "RelationshipPeriod StartDate");
        BigDecimal share = GleifValues.percent(r.percentage());
        String evidence = evidenceUrl != null ? evidenceUrl
                : GleifValues.isHttpUrl(r.validationReference()) ? r.validationReference().strip() : gleifUrl(start);

        Node child = stub(start);
        Node parent = parentRecord != null ? parentRecord : stub(end);
        Node link = sink.link("rr/" + start + "/" + type + "/" + end, child, parent, CONTROLLED_BY,
                "relationship " + start + " " + type + " " + end, evidence, date);
        sink.literal(link, Tm.controlKind, kind);
        sink.literal(link, Tm.linkStatus, r.status());
        sink.date(link, Tm.startDate, startDate);
        sink.decimal(link, Tm.share, share);
        sink.literal(link, Tm.confidence, REGISTRY);
    }

    void exception(GleifRecord.ReportingException r) {
        String lei = GleifValues.lei(r.lei(), "LEI");
        String category = GleifValues.blankToNull(r.category());
        String prefix = category == null ? null : EXCEPTION_PREFIXES.get(category);
        if (prefix == null) {
            throw new BadRecord("ExceptionCategory '" + category + "' is not a parent exception");
        }
        if (r.reasons().stream().allMatch(reason -> GleifValues.blankToNull(reason) == null)) {
            throw new BadRecord("reporting exception of LEI " + lei + " has no ExceptionReason");
        }
        Node org = sink.record(Tm.Organization, "repex/" + lei + "/" + category,
                "reporting exception " + lei + " " + category, gleifUrl(lei), documentDate);
        sink.literal(org, Tm.lei, lei);
        r.reasons().stream().map(GleifValues::blankToNull).filter(reason -> reason != null)
                .forEach(reason -> sink.literal(org, Tm.parentException, prefix + reason));
    }

    /**
     * A stub organization carrying only its LEI. It is dated with the document's date, not the relationship's: one
     * LEI is the node of many relationships in a file, and its record may carry one evidence date only. A stub is the
     * same seven triples each time, so it is written once per document: later relationships of the same LEI only refer
     * to it (the graph is the same; in the 200k-entity bench a third of the relationship file's triples were repeated
     * stubs, each costing TDB2 look-ups in four indexes, a records-copy entry and a read in resolve).
     */
    Node stub(String lei) {
        if (!stubbed.add(lei)) {
            return sink.recordNode("lei/" + lei);
        }
        Node org = sink.record(Tm.Organization, "lei/" + lei, "LEI " + lei, gleifUrl(lei), documentDate);
        sink.literal(org, Tm.lei, lei);
        return org;
    }

    private LocalDate dateOr(LocalDate recordDate) {
        return recordDate != null ? recordDate : documentDate;
    }

    private static void nodeType(String value, String node) {
        String type = GleifValues.blankToNull(value);
        if (type != null && !"LEI".equals(type)) {
            throw new BadRecord(node + " NodeIDType " + type + " is not supported (only LEI)");
        }
    }
}
