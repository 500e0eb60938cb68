package org.trustmap.app.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.trustmap.crawler.Capture;
import org.trustmap.crawler.ErrorPolicy;
import org.trustmap.crawler.FccIds;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.archive.EvidenceArchive;
import org.trustmap.crawler.sources.inventory.InventoryParser;

/**
 * The identifiers the run's inventories name that a look-up can answer: the FCC grantee codes of their FCC IDs and
 * their CPE 2.3 names. The inventories are read with the inventory source's own parser (CSV, CycloneDX or SPDX), so
 * an identifier counts exactly when staging would stage it; what the parser rejects is reported by the stage step,
 * not here.
 *
 * @param granteeCodes grantee codes (3 or 5 characters) of the FCC IDs, sorted
 * @param cpes         CPE 2.3 formatted names ({@code cpe:2.3:...}), sorted; CPE 2.2 URIs are left out (the NVD CPE
 *                     API matches CPE 2.3 only)
 */
public record InventoryIdentifiers(SortedSet<String> granteeCodes, SortedSet<String> cpes) {
    public InventoryIdentifiers {
        granteeCodes = Collections.unmodifiableSortedSet(new TreeSet<>(granteeCodes));
        cpes = Collections.unmodifiableSortedSet(new TreeSet<>(cpes));
    }

    /** Reads the archived inventory documents. */
    public static InventoryIdentifiers of(EvidenceArchive archive, Collection<Capture> inventories) throws IOException {
        SortedSet<String> grantees = new TreeSet<>();
        SortedSet<String> cpes = new TreeSet<>();
        StreamRDFBase collect = new StreamRDFBase() {
            @Override
            public void quad(Quad q) {
                Node o = q.getObject();
                if (!o.isLiteral()) {
                    return;
                }
                String value = o.getLiteralLexicalForm();
                if (q.getPredicate().equals(Tm.fccId)) {
                    FccIds.granteeCode(value).ifPresent(grantees::add);
                } else if (q.getPredicate().equals(Tm.cpe) && value.startsWith("cpe:2.3:")) {
                    cpes.add(value);
                }
            }
        };
        for (Capture inventory : inventories) {
            try (InputStream in = archive.open(inventory)) {
                new InventoryParser().parse(in, new ParseContext(inventory, ErrorPolicy.collecting()),
                        new RecordSink(collect, inventory));
            } catch (SourceParseException e) {
                CrawlLog.LOG.debug("inventory {} is not readable ({}); the stage step reports it",
                        inventory.targetUri(), e.getMessage());
            }
        }
        return new InventoryIdentifiers(grantees, cpes);
    }
}
