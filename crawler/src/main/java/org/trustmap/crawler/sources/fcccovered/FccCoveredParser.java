package org.trustmap.crawler.sources.fcccovered;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Node;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;
import org.trustmap.crawler.sources.fcccovered.CoveredEntry.Subsidiary;

/**
 * The FCC Covered List (47 U.S.C. 1601): the HTML table of {@code https://www.fcc.gov/supplychain/coveredlist}
 * (entity names in {@code <strong>} inside free text) or its two-column CSV mirror
 * ({@code covered_equipment_or_services,date_of_inclusion_on_covered_list}, names found in the text).
 *
 * <p>Each named entity becomes an organization record flagged {@code US_FCC_COVERED}, dated with the row's date of
 * inclusion, its evidence the FCC page. A subsidiary the row names as such ("Pacific Networks Corp and its
 * wholly-owned subsidiary ComNet (USA) LLC") gets a {@code CONTROLLED_BY} link (controlKind {@code STATED}) to the
 * parent. Blanket wording ("or any of its predecessors, successors, parents, subsidiaries, or affiliates") names no
 * one and gives no link. Rows naming no entity (foreign-produced UAS, routers, power inverters, robotic devices)
 * are categories, not organizations: they are returned by {@link #read} with a category flag id and not staged.</p>
 */
public final class FccCoveredParser implements SourceParser {
    public static final String EVIDENCE_URL = "https://www.fcc.gov/supplychain/coveredlist";
    public static final String FLAG = "US_FCC_COVERED";

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        stage(read(body, context), context, sink);
    }

    /** Reads the rows of an HTML or CSV Covered List; rows without a readable date are rejected. */
    public List<CoveredEntry> read(InputStream body, ParseContext context) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body);
        in.mark(1024);
        byte[] head = in.readNBytes(1024);
        in.reset();
        String start = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1).stripLeading();
        }
        return start.startsWith("<") ? html(in, context) : csv(in, context);
    }

    private static List<CoveredEntry> html(InputStream in, ParseContext context) throws IOException {
        Document doc = Jsoup.parse(in, null, context.capture().targetUri());
        List<CoveredEntry> out = new ArrayList<>();
        int n = 0;
        for (Element row : doc.select("table tr")) {
            Elements cells = row.select("> td");
            if (cells.size() < 2) {
                continue; // the header row has <th> cells
            }
            n++;
            Element what = cells.get(0);
            List<String> entities = new ArrayList<>();
            List<Subsidiary> subsidiaries = new ArrayList<>();
            for (Element strong : what.select("strong")) {
                String name = strong.text().strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (!entities.isEmpty() && textBefore(what, strong).contains(CoveredText.SUBSIDIARY_WORDS)) {
                    subsidiaries.add(new Subsidiary(name, entities.get(0)));
                }
                entities.add(name);
            }
            entry("row " + n, what.text(), cells.get(1).text(), entities, subsidiaries, context).ifPresent(out::add);
        }
        if (n == 0) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "no Covered List table rows (<tr> with two <td>) in the HTML"));
        }
        return out;
    }

    /** The row's text between the previous {@code <strong>} (or the start of the cell) and this one. */
    private static String textBefore(Element cell, Element strong) {
        StringBuilder between = new StringBuilder();
        for (org.jsoup.nodes.Node p = strong.previousSibling(); p != null; p = p.previousSibling()) {
            if (p instanceof Element el && el.normalName().equals("strong")) {
                break;
            }
            between.insert(0, p instanceof TextNode t ? t.text() : p instanceof Element el ? el.text() : "");
        }
        return between.toString();
    }

    private static List<CoveredEntry> csv(InputStream in, ParseContext context) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
        List<CoveredEntry> out = new ArrayList<>();
        try (CSVParser csv = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
            List<String> header = csv.getHeaderNames();
            if (header.size() < 2 || !header.get(0).strip().startsWith("covered_equipment")) {
                throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(),
                        "line 1", "expected the header covered_equipment_or_services,date_of_inclusion_on_covered_list"));
            }
            for (CSVRecord row : csv) {
                String where = "line " + row.getParser().getCurrentLineNumber();
                if (row.size() < 2) {
                    context.reject(where, "has " + row.size() + " field(s), expected 2");
                    continue;
                }
                String text = row.get(0);
                List<String> entities = CoveredText.entities(text);
                List<Subsidiary> subsidiaries = new ArrayList<>();
                CoveredText.subsidiary(text).filter(s -> !entities.isEmpty())
                        .ifPresent(s -> subsidiaries.add(new Subsidiary(s, entities.get(0))));
                entry(where, text, row.get(1), entities, subsidiaries, context).ifPresent(out::add);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "not a readable CSV file: " + e.getMessage()), e);
        }
        return out;
    }

    private static Optional<CoveredEntry> entry(String where, String text, String dateText, List<String> entities,
                                                List<Subsidiary> subsidiaries, ParseContext context) {
        var date = CoveredText.firstDate(dateText);
        if (date.isEmpty()) {
            context.reject(where, "date of inclusion '" + dateText.strip() + "' is not a date like 'March 12, 2021'");
            return Optional.empty();
        }
        String plain = text.replaceAll("\\s+", " ").strip();
        return Optional.of(new CoveredEntry(where, plain, date.get(), entities, subsidiaries,
                entities.isEmpty() ? CoveredText.category(plain) : null));
    }

    /** Stages the entities of the rows; categories are not organizations and are left out. */
    public void stage(List<CoveredEntry> entries, ParseContext context, RecordSink sink) {
        String uri = context.capture().targetUri();
        String evidence = uri.startsWith("https://") || uri.startsWith("http://") ? uri : EVIDENCE_URL;
        for (CoveredEntry e : entries) {
            List<Node> orgs = new ArrayList<>();
            for (int i = 0; i < e.entities().size(); i++) {
                String name = e.entities().get(i);
                Node org = sink.record(Tm.Organization, e.location() + "/entity/" + (i + 1), e.location(), evidence,
                        e.included());
                sink.literal(org, Tm.name, name);
                sink.literal(org, Tm.flag, FLAG);
                sink.literal(org, Tm.confidence, "list");
                orgs.add(org);
            }
            for (Subsidiary s : e.subsidiaries()) {
                Node child = orgs.get(e.entities().indexOf(s.name()));
                Node parent = orgs.get(e.entities().indexOf(s.parent()));
                Node link = sink.link(e.location() + "/subsidiary/" + (e.entities().indexOf(s.name()) + 1), child,
                        parent, "CONTROLLED_BY", e.location(), evidence, e.included());
                sink.literal(link, Tm.controlKind, "STATED");
                sink.literal(link, Tm.confidence, "list");
            }
        }
    }
}
