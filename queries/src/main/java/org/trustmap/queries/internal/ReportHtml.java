package org.trustmap.queries.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.trustmap.queries.ExposureEntry;
import org.trustmap.queries.ExposureEntry.Finding;
import org.trustmap.queries.ExposureEntry.Hop;
import org.trustmap.queries.SectorReport;
import org.trustmap.queries.SectorReport.Count;
import org.trustmap.queries.SectorReport.OperatorTally;
import org.trustmap.queries.SectorReport.Tally;

/**
 * The HTML page of a sector report: one self-contained file (inline CSS, no script, no external resource) built as
 * a jsoup document, so that every piece of data is set as text or attribute and escaped by jsoup.
 */
public final class ReportHtml {
    private static final String CSS = """
            @page { size: A4; margin: 14mm; }
            body { font: 10.5pt/1.4 "Helvetica Neue", Arial, sans-serif; color: #111; margin: 2em auto; max-width: 70em; padding: 0 1em; }
            h1 { font-size: 18pt; margin: 0 0 .3em; }
            h2 { font-size: 14pt; border-bottom: 2px solid #333; margin-top: 1.6em; }
            h3 { font-size: 11.5pt; margin: 1em 0 .2em; }
            h4 { font-size: 10.5pt; margin: .6em 0 .2em; }
            dl.stamp { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; margin: .5em 0; }
            dl.stamp dt { font-weight: bold; }
            dl.stamp dd { margin: 0; }
            table { border-collapse: collapse; width: 100%; margin: .3em 0 .8em; }
            th, td { border: 1px solid #999; padding: .2em .4em; text-align: left; vertical-align: top; }
            th { background: #eee; }
            td.n { text-align: right; white-space: nowrap; }
            td.url { word-break: break-all; }
            tfoot td { font-weight: bold; border-top: 2px solid #333; }
            .units { color: #555; font-size: 90%; }
            .verdict { font-weight: bold; padding: 0 .3em; border: 1px solid; }
            .EXPOSED { color: #a00; } .UNDETERMINED { color: #8a5a00; } .NOT_FOUND { color: #060; }
            .meta, .note { color: #333; margin: .1em 0; }
            .flags { color: #a00; margin: .1em 0; }
            article { border-left: 3px solid #a00; padding-left: .6em; margin-bottom: 1em; }
            ul { margin: 0; padding-left: 1.2em; }
            @media print {
              body { margin: 0; max-width: none; }
              a { color: inherit; text-decoration: none; }
              th { background: none; }
              article, tr { break-inside: avoid; }
              thead { display: table-header-group; }
              h2, h3, h4 { break-after: avoid; }
            }
            """;

    private ReportHtml() {
    }

    public static String render(SectorReport r) {
        Document doc = Document.createShell("");
        doc.outputSettings().charset(StandardCharsets.UTF_8).prettyPrint(true);
        doc.prependChild(new DocumentType("html", "", ""));
        doc.selectFirst("html").attr("lang", "en");
        doc.head().appendElement("meta").attr("charset", "utf-8");
        doc.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        doc.title("Trustmap sector exposure report: " + r.sector());
        doc.head().appendElement("style").appendChild(new DataNode(CSS));
        Element body = doc.body();
        header(body, r);
        counts(body, r);
        exposed(body, r.exposed());
        undetermined(body, r.undetermined());
        notFound(body, r.notFound());
        flags(body, r.flags());
        return doc.outerHtml() + "\n";
    }

    private static void header(Element body, SectorReport r) {
        Element header = body.appendElement("header");
        header.appendElement("h1").text("Sector exposure report: " + r.sector());
        Element dl = header.appendElement("dl").addClass("stamp");
        String profiles = r.stamp().profiles().isEmpty() ? "none (no verdicts derived yet)"
                : r.stamp().profiles().stream().map(p -> p.name() + " (" + p.hash() + ")").collect(Collectors.joining("; "));
        dl.appendElement("dt").text(r.stamp().profiles().size() > 1 ? "Profiles" : "Profile");
        dl.appendElement("dd").addClass("profile").text(profiles);
        dl.appendElement("dt").text(r.stamp().runs().size() > 1 ? "Runs" : "Run");
        dl.appendElement("dd").addClass("runs").text(r.stamp().runs().isEmpty() ? "none"
                : r.stamp().runs().stream().map(run -> run.id() + (run.finishedAt() == null ? ""
                : ", finished " + run.finishedAt())).collect(Collectors.joining("; ")));
        dl.appendElement("dt").text("Generated");
        dl.appendElement("dd").addClass("generated").text(r.stamp().generatedAt());
        dl.appendElement("dt").text("Deployments");
        dl.appendElement("dd").text(r.overall().deployments() + " across " + r.operators().size()
                + (r.operators().size() == 1 ? " operator, " : " operators, ") + units(r.overall()));
        header.appendElement("p").addClass("note").text("EXPOSED: at least one complete path of dated evidence from "
                + "the product to an organization based in a jurisdiction of concern. UNDETERMINED: the evidence has "
                + "named gaps. NOT_FOUND: every route was examined and closed without a concern. List flags inform; "
                + "they never decide a verdict. A deployment counts once per route, jurisdiction or flag it meets.");
    }

    private static void counts(Element body, SectorReport r) {
        Element section = body.appendElement("section").id("counts");
        section.appendElement("h2").text("Counts per operator");
        Tally all = r.overall();
        table(section, "Verdicts", "verdicts", List.copyOf(all.verdicts().keySet()), r, Tally::verdicts, true);
        table(section, "Routes", "routes", List.copyOf(all.routes().keySet()), r, Tally::routes, false);
        if (!all.jurisdictions().isEmpty()) {
            table(section, "Concern jurisdictions reached", "jurisdictions", List.copyOf(all.jurisdictions().keySet()),
                    r, Tally::jurisdictions, false);
        }
        if (!all.flags().isEmpty()) {
            table(section, "List flags met on the routes", "flag-counts", List.copyOf(all.flags().keySet()), r,
                    Tally::flags, false);
        }
        section.appendElement("p").addClass("note").text("Product class: not recorded in the inventories, so not "
                + "counted.");
    }

    private static void table(Element section, String title, String id, List<String> keys, SectorReport r,
                              java.util.function.Function<Tally, Map<String, Count>> of, boolean totals) {
        section.appendElement("h3").text(title);
        Element table = section.appendElement("table").id(id);
        Element head = table.appendElement("thead").appendElement("tr");
        head.appendElement("th").text("Operator");
        if (totals) {
            head.appendElement("th").text("Deployments");
        }
        keys.forEach(k -> head.appendElement("th").text(k));
        Element tbody = table.appendElement("tbody");
        boolean everySector = r.sector().equals(org.trustmap.queries.SectorReports.ALL);
        for (OperatorTally o : r.operators()) {
            String label = everySector ? o.operator() + " (" + String.join(", ", o.sectors()) + ")" : o.operator();
            row(tbody.appendElement("tr"), label, o.tally(), keys, of, totals);
        }
        row(table.appendElement("tfoot").appendElement("tr"), "All operators", r.overall(), keys, of, totals);
    }

    private static void row(Element tr, String label, Tally t, List<String> keys,
                            java.util.function.Function<Tally, Map<String, Count>> of, boolean totals) {
        tr.appendElement("td").text(label);
        if (totals) {
            count(tr.appendElement("td").addClass("n"), new Count(t.deployments(), t.units()));
        }
        for (String k : keys) {
            count(tr.appendElement("td").addClass("n").attr("data-key", k),
                    of.apply(t).getOrDefault(k, new Count(0, 0)));
        }
    }

    private static void count(Element td, Count c) {
        td.appendText(String.valueOf(c.deployments()));
        if (c.deployments() > 0) {
            td.appendText(" ");
            td.appendElement("span").addClass("units").text("(" + c.units() + (c.units() == 1 ? " unit)" : " units)"));
        }
    }

    private static void exposed(Element body, List<ExposureEntry> entries) {
        Element section = body.appendElement("section").id("exposed");
        section.appendElement("h2").text("EXPOSED (" + entries.size() + ")");
        if (entries.isEmpty()) {
            section.appendElement("p").text("No deployment is exposed.");
        }
        for (ExposureEntry e : entries) {
            Element article = section.appendElement("article").addClass("deployment");
            article.appendElement("h3").text(name(e));
            meta(article, e);
            if (!e.flags().isEmpty()) {
                article.appendElement("p").addClass("flags").text("Flags: " + String.join("; ", e.flags()));
            }
            for (Finding f : e.findings()) {
                article.appendElement("h4").text(org.trustmap.queries.ExposureWriter.summary(f));
                Element table = article.appendElement("table").addClass("hops");
                Element head = table.appendElement("thead").appendElement("tr");
                for (String h : List.of("#", "From", "Relation", "To", "Source", "Evidence", "Date", "Record id")) {
                    head.appendElement("th").text(h);
                }
                Element tbody = table.appendElement("tbody");
                int i = 1;
                for (Hop h : f.path()) {
                    Element tr = tbody.appendElement("tr");
                    tr.appendElement("td").addClass("n").text(String.valueOf(i++));
                    tr.appendElement("td").text(nz(h.from()));
                    tr.appendElement("td").text(nz(h.relation()));
                    tr.appendElement("td").text(nz(h.to()));
                    tr.appendElement("td").text(nz(h.source()));
                    Element url = tr.appendElement("td").addClass("url");
                    if (h.evidence() != null && (h.evidence().startsWith("https://") || h.evidence().startsWith("http://"))) {
                        url.appendElement("a").attr("href", h.evidence()).text(h.evidence());
                    } else {
                        url.text(nz(h.evidence()));
                    }
                    tr.appendElement("td").addClass("date").text(nz(h.date()));
                    tr.appendElement("td").addClass("url").text(nz(h.recordId()));
                }
            }
        }
    }

    private static void undetermined(Element body, List<ExposureEntry> entries) {
        Element section = body.appendElement("section").id("undetermined");
        section.appendElement("h2").text("UNDETERMINED (" + entries.size() + ")");
        if (entries.isEmpty()) {
            section.appendElement("p").text("No deployment is undetermined.");
            return;
        }
        Element table = section.appendElement("table");
        header(table, "Operator", "Product", "Units", "Gaps", "Flags");
        Element tbody = table.appendElement("tbody");
        for (ExposureEntry e : entries) {
            Element tr = tbody.appendElement("tr");
            tr.appendElement("td").text(nz(e.operator()));
            product(tr.appendElement("td"), e);
            tr.appendElement("td").addClass("n").text(e.count() == null ? "" : String.valueOf(e.count()));
            Element ul = tr.appendElement("td").appendElement("ul").addClass("gaps");
            e.gaps().forEach(g -> ul.appendElement("li").text(g));
            tr.appendElement("td").text(String.join("; ", e.flags()));
        }
    }

    private static void notFound(Element body, List<ExposureEntry> entries) {
        Element section = body.appendElement("section").id("not-found");
        section.appendElement("h2").text("NOT_FOUND (" + entries.size() + ")");
        if (entries.isEmpty()) {
            section.appendElement("p").text("No deployment has every route closed.");
            return;
        }
        Element table = section.appendElement("table");
        header(table, "Operator", "Product", "Units", "Flags");
        Element tbody = table.appendElement("tbody");
        for (ExposureEntry e : entries) {
            Element tr = tbody.appendElement("tr");
            tr.appendElement("td").text(nz(e.operator()));
            product(tr.appendElement("td"), e);
            tr.appendElement("td").addClass("n").text(e.count() == null ? "" : String.valueOf(e.count()));
            tr.appendElement("td").text(String.join("; ", e.flags()));
        }
    }

    private static void flags(Element body, List<SectorReport.FlagEntry> flags) {
        Element section = body.appendElement("section").id("flags");
        section.appendElement("h2").text("List flags (" + flags.size() + ")");
        if (flags.isEmpty()) {
            section.appendElement("p").text("No organization met on the routes carries a flag of the profile.");
            return;
        }
        Element table = section.appendElement("table");
        header(table, "Flag", "Organization", "Products");
        Element tbody = table.appendElement("tbody");
        for (SectorReport.FlagEntry f : flags) {
            Element tr = tbody.appendElement("tr");
            tr.appendElement("td").text(f.flag());
            tr.appendElement("td").text(f.organization());
            tr.appendElement("td").text(String.join("; ", f.products()));
        }
    }

    private static void header(Element table, String... names) {
        Element tr = table.appendElement("thead").appendElement("tr");
        for (String n : names) {
            tr.appendElement("th").text(n);
        }
    }

    private static void meta(Element article, ExposureEntry e) {
        List<String> parts = new ArrayList<>();
        parts.add(nz(e.operator()));
        parts.add(nz(e.sector()));
        parts.add(e.count() == null ? "units not given" : e.count() + (e.count() == 1 ? " unit" : " units"));
        if (e.product().vendor() != null) {
            parts.add("vendor " + e.product().vendor());
        }
        parts.add("product id " + e.product().id());
        article.appendElement("p").addClass("meta").text(String.join(" · ", parts));
    }

    private static void product(Element td, ExposureEntry e) {
        td.appendText(name(e));
        td.appendElement("br");
        td.appendElement("span").addClass("units").text(e.product().id());
    }

    private static String name(ExposureEntry e) {
        return e.product().name() != null ? e.product().name() : e.product().id();
    }

    private static String units(Tally t) {
        return t.units() + (t.units() == 1 ? " unit" : " units")
                + (t.withoutCount() == 0 ? "" : " (" + t.withoutCount() + " without a count)");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
