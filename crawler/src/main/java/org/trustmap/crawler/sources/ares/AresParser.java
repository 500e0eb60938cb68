package org.trustmap.crawler.sources.ares;

import org.trustmap.crawler.sources.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.graph.Node;
import org.trustmap.crawler.Countries;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.ParseProblem;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParseException;
import org.trustmap.crawler.SourceParser;
import org.trustmap.crawler.Tm;

/**
 * The Czech business register ARES, public REST API ({@code https://ares.gov.cz/ekonomicke-subjekty-v-be/rest}):
 * <ul>
 * <li>{@code GET /ekonomicke-subjekty/{ico}} ({@code EkonomickySubjekt}): an organization record with its business
 * name ({@code obchodniJmeno}), IČO as {@code tm:registeredAs} ({@code tm:registrationAuthority CZ-ICO}) and the
 * seat's country ({@code sidlo.kodStatu}) as {@code tm:legalCountry}.</li>
 * <li>{@code GET /ekonomicke-subjekty-vr/{ico}} ({@code EkonomickySubjektVr}, the commercial register): from the
 * primary record, the company and its current shareholders ({@code spolecnici[].spolecnik[]} without
 * {@code datumVymazu}). A legal-person shareholder is an organization (name, IČO, seat country) the company is
 * {@code CONTROLLED_BY}, controlKind {@code SHAREHOLDING}, {@code tm:share} from {@code velikostPodilu}: type
 * {@code PROCENTA} writes the decimal comma as ';' ("60;50" = 60.50 %), type {@code ZLOMEK} a fraction ("1/2" =
 * 50 %). A natural-person shareholder is not staged; the company gets {@code ULTIMATE:NATURAL_PERSONS}.</li>
 * </ul>
 */
public final class AresParser implements SourceParser {
    public static final String API = "https://ares.gov.cz/ekonomicke-subjekty-v-be/rest";
    public static final String AUTHORITY = "CZ-ICO";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIDENCE = "registry";

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(),
                    "line " + e.getLocation().getLineNr(), "not JSON: " + e.getOriginalMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "not an ARES response object"));
        }
        if (root.has("zaznamy")) {
            vr(root, context, sink);
        } else if (root.has("obchodniJmeno")) {
            basic(root, context, sink);
        } else {
            throw new SourceParseException(new ParseProblem(context.capture().sourceId(), context.document(), "",
                    "neither EkonomickySubjekt (obchodniJmeno) nor EkonomickySubjektVr (zaznamy)"));
        }
    }

    private static void basic(JsonNode s, ParseContext context, RecordSink sink) {
        String ico = text(s.get("ico"));
        String name = text(s.get("obchodniJmeno"));
        if (ico == null || name == null) {
            context.reject("ico " + ico, "EkonomickySubjekt without ico or obchodniJmeno");
            return;
        }
        Node org = sink.record(Tm.Organization, "ico/" + ico, "ico " + ico, evidence(context, "/ekonomicke-subjekty/" + ico),
                date(text(s.get("datumAktualizace"))));
        company(org, name, ico, s.get("sidlo"), sink);
    }

    private static void vr(JsonNode s, ParseContext context, RecordSink sink) {
        String icoId = text(s.get("icoId"));
        JsonNode record = null;
        for (JsonNode z : iterable(s.get("zaznamy"))) {
            if (record == null || z.path("primarniZaznam").asBoolean(false)) {
                record = z;
            }
        }
        if (record == null) {
            context.reject("ico " + icoId, "no zaznamy");
            return;
        }
        String ico = current(record.get("ico"));
        ico = ico != null ? ico : icoId;
        String name = current(record.get("obchodniJmeno"));
        if (ico == null || name == null) {
            context.reject("ico " + icoId, "the primary record has no current ico or obchodniJmeno");
            return;
        }
        String evidence = evidence(context, "/ekonomicke-subjekty-vr/" + ico);
        LocalDate updated = date(text(record.get("datumAktualizace")));
        Node company = sink.record(Tm.Organization, "vr/" + ico, "ico " + ico, evidence, updated);
        company(company, name, ico, null, sink);
        int n = 0;
        boolean persons = false;
        for (JsonNode organ : iterable(record.get("spolecnici"))) {
            if (text(organ.get("datumVymazu")) != null) {
                continue;
            }
            for (JsonNode holder : iterable(organ.get("spolecnik"))) {
                n++;
                String where = "ico " + ico + " spolecnik " + n;
                if (text(holder.get("datumVymazu")) != null || text(holder.path("osoba").get("datumVymazu")) != null) {
                    continue;
                }
                JsonNode osoba = holder.path("osoba");
                if (osoba.has("fyzickaOsoba")) {
                    persons = true; // natural persons are not staged
                    continue;
                }
                JsonNode po = osoba.path("pravnickaOsoba");
                String holderName = text(po.get("obchodniJmeno"));
                if (holderName == null) {
                    context.reject(where, "shareholder is neither a named legal person nor a natural person");
                    continue;
                }
                try {
                    BigDecimal share = null;
                    for (JsonNode podil : iterable(holder.get("podil"))) {
                        if (text(podil.get("datumVymazu")) == null) {
                            share = share(podil.get("velikostPodilu"));
                        }
                    }
                    Node owner = sink.record(Tm.Organization, "vr/" + ico + "/spolecnik/" + n, where, evidence, updated);
                    sink.literal(owner, Tm.name, holderName);
                    String ownerIco = text(po.get("ico"));
                    sink.literal(owner, Tm.registeredAs, ownerIco);
                    sink.literal(owner, Tm.registrationAuthority, ownerIco == null ? null : AUTHORITY);
                    sink.literal(owner, Tm.legalCountry, country(po.get("adresa")));
                    sink.literal(owner, Tm.confidence, CONFIDENCE);
                    Node link = sink.link("vr/" + ico + "/spolecnik/" + n + "/link", company, owner, "CONTROLLED_BY",
                            where, evidence, updated);
                    sink.literal(link, Tm.controlKind, "SHAREHOLDING");
                    sink.decimal(link, Tm.share, share);
                    sink.date(link, Tm.startDate, date(text(holder.get("datumZapisu"))));
                    sink.literal(link, Tm.confidence, CONFIDENCE);
                } catch (IllegalArgumentException e) {
                    context.reject(where, e.getMessage());
                }
            }
        }
        if (persons) {
            sink.literal(company, Tm.parentException, "ULTIMATE:NATURAL_PERSONS");
        }
    }

    private static void company(Node org, String name, String ico, JsonNode seat, RecordSink sink) {
        sink.literal(org, Tm.name, name);
        sink.literal(org, Tm.registeredAs, ico);
        sink.literal(org, Tm.registrationAuthority, AUTHORITY);
        sink.literal(org, Tm.legalCountry, seat == null ? "CZ" : country(seat));
        sink.literal(org, Tm.confidence, CONFIDENCE);
    }

    /**
     * A share size as ARES writes it: {@code PROCENTA} "60;50" (the decimal comma as ';') = 60.50 %, {@code ZLOMEK}
     * "1/2" = 50 %. Other types (amounts in CZK) say nothing about the share: null.
     */
    static BigDecimal share(JsonNode obnos) {
        if (obnos == null) {
            return null;
        }
        String type = text(obnos.get("typObnos"));
        String value = text(obnos.get("hodnota"));
        if (value == null) {
            return null;
        }
        BigDecimal pct;
        try {
            if ("PROCENTA".equals(type)) {
                pct = new BigDecimal(value.replace(';', '.').replace(',', '.').replace("%", "").strip());
            } else if ("ZLOMEK".equals(type)) {
                String[] f = value.split("/");
                pct = new BigDecimal(f[0].strip()).multiply(BigDecimal.valueOf(100))
                        .divide(new BigDecimal(f[1].strip()), 2, RoundingMode.HALF_UP);
            } else {
                return null;
            }
        } catch (NumberFormatException | ArithmeticException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("velikostPodilu " + type + " '" + value + "' is not a share");
        }
        if (pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("velikostPodilu '" + value + "' is outside 0..100 %");
        }
        return pct;
    }

    private static String country(JsonNode address) {
        if (address == null) {
            return null;
        }
        return Countries.code(text(address.get("kodStatu"))).or(() -> Countries.code(text(address.get("nazevStatu"))))
                .orElse(null);
    }

    private static String evidence(ParseContext context, String path) {
        String uri = context.capture().targetUri();
        return uri.startsWith("https://") || uri.startsWith("http://") ? uri : API + path;
    }

    /** The value of a dated list ({@code [{hodnota, datumZapisu, datumVymazu}]}) that is not struck out. */
    private static String current(JsonNode values) {
        String out = null;
        for (JsonNode v : iterable(values)) {
            if (text(v.get("datumVymazu")) == null && text(v.get("hodnota")) != null) {
                out = text(v.get("hodnota"));
            }
        }
        return out;
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
