package org.trustmap.crawler.sources.ukpsc;

import org.trustmap.crawler.sources.JsonValues;
import org.trustmap.crawler.sources.ZipDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * The Companies House "persons with significant control" snapshot: one JSON object per line
 * ({@code {"company_number": ..., "data": {...}}}; a JSON array of them is read too). The snapshot's parts as
 * published ({@code persons-with-significant-control-snapshot-YYYY-MM-DD_1of31.zip}, each a zip of one JSON-lines
 * {@code .txt}) are read as they are: streamed entry by entry through {@link ZipDocuments}, a record's location
 * naming the file in the zip ({@code psc-snapshot-..._1of31.txt line 12}).
 *
 * <ul>
 * <li>A corporate-entity or legal-person PSC: the company {@code CONTROLLED_BY} an organization record of the PSC
 * (name as registered; {@code identification.country_registered} as {@code tm:legalCountry}, a legal person's
 * {@code legal_authority} as {@code tm:legalJurisdiction}, {@code registration_number} as {@code tm:registeredAs};
 * the service address country as {@code tm:basedIn} when it says more), controlKind and share from
 * {@link NaturesOfControl}; a legal person that is a government body gives controlKind {@code STATE}.</li>
 * <li>An individual (or super-secure) PSC: nothing about the person is staged; the company gets
 * {@code tm:parentException ULTIMATE:NATURAL_PERSONS}. A statement that there is no registrable person gives
 * {@code ULTIMATE:NO_KNOWN_PERSON}.</li>
 * <li>Ceased PSCs keep their link with {@code tm:endDate} and {@code tm:linkStatus INACTIVE}; a ceased individual
 * closes nothing.</li>
 * <li>The snapshot's closing totals line and exemption records are not PSCs and are passed over.</li>
 * </ul>
 * The snapshot names companies by number only: the company record is named by its org-id
 * ({@code GB-COH-07434180}), carries {@code tm:registeredAs} and {@code tm:registrationAuthority GB-COH}, and
 * {@code tm:legalJurisdiction GB} unless the number is an overseas company's ({@code FC}, {@code SF}, {@code NF}).
 */
public final class UkPscParser implements SourceParser {
    public static final String AUTHORITY = "GB-COH";
    public static final String SITE = "https://find-and-update.company-information.service.gov.uk";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMPANY_NUMBER = Pattern.compile("^[A-Z0-9]{8}$");
    private static final Pattern GOVERNMENT = Pattern.compile(
            "(?i).*\\b(government|ministry|state|public authority|sovereign)\\b.*");
    private static final String CONFIDENCE = "registry";

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        ZipDocuments.read(body, context, (in, entry) -> JsonValues.readObjects(in, JSON, context,
                (n, line) -> entry == null ? "line " + line : entry + " line " + line,
                (r, where, line) -> record(r, entry == null ? "line/" + line
                                : "zip/" + entry.replaceAll("[^A-Za-z0-9._-]", "_") + "/line/" + line,
                        where, sink)));
    }

    private static void record(JsonNode r, String key, String where, RecordSink sink) {
        JsonNode d = r.path("data");
        String kind = text(d.get("kind"));
        if (kind == null) {
            throw new IllegalArgumentException("has no data.kind");
        }
        if (kind.startsWith("totals#") || kind.equals("exemptions")) {
            return;
        }
        String number = text(r.get("company_number"));
        if (number == null || !COMPANY_NUMBER.matcher(number.toUpperCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("company_number '" + number + "' is not 8 letters or digits");
        }
        number = number.toUpperCase(Locale.ROOT);
        String evidence = SITE + "/company/" + number + "/persons-with-significant-control";
        LocalDate date = date(text(r.get("ContentDate")));
        LocalDate ceased = date(text(d.get("ceased_on")));
        String ref = where + " (company " + number + ", " + kind + ")";
        switch (kind) {
            case "corporate-entity-person-with-significant-control",
                 "legal-person-person-with-significant-control" -> {
                String name = text(d.get("name"));
                if (name == null) {
                    throw new IllegalArgumentException("the " + kind + " has no name");
                }
                NaturesOfControl control = NaturesOfControl.of(texts(d.get("natures_of_control")));
                Node company = company(number, key + "/company", ref, evidence, date, sink);
                Node psc = sink.record(Tm.Organization, key + "/psc", ref, evidence, date);
                sink.literal(psc, Tm.name, name);
                JsonNode id = d.path("identification");
                Optional<String> registered = Countries.code(text(id.get("country_registered")));
                sink.literal(psc, Tm.legalCountry, registered.orElse(null));
                boolean legalPerson = kind.startsWith("legal-person");
                Optional<String> authority = legalPerson ? Countries.code(text(id.get("legal_authority")))
                        : Optional.empty();
                sink.literal(psc, Tm.legalJurisdiction, authority.orElse(null));
                Countries.code(text(d.path("address").get("country")))
                        .filter(c -> !registered.equals(Optional.of(c)) && !authority.equals(Optional.of(c)))
                        .ifPresent(c -> sink.literal(psc, Tm.basedIn, c));
                sink.literal(psc, Tm.registeredAs, text(id.get("registration_number")));
                String place = text(id.get("place_registered"));
                sink.literal(psc, Tm.registrationAuthority, place != null && place.contains("Companies House")
                        && registered.equals(Optional.of("GB")) ? AUTHORITY : place);
                sink.literal(psc, Tm.confidence, CONFIDENCE);
                String legalForm = text(id.get("legal_form"));
                boolean state = legalPerson && legalForm != null && GOVERNMENT.matcher(legalForm).matches();
                Node link = sink.link(key, company, psc, "CONTROLLED_BY", ref, evidence, date);
                sink.literal(link, Tm.controlKind, state ? "STATE" : control.kind());
                sink.decimal(link, Tm.share, control.share());
                sink.date(link, Tm.startDate, date(text(d.get("notified_on"))));
                sink.date(link, Tm.endDate, ceased);
                sink.literal(link, Tm.linkStatus, ceased != null ? "INACTIVE" : null);
                sink.literal(link, Tm.confidence, CONFIDENCE);
            }
            case "individual-person-with-significant-control", "super-secure-person-with-significant-control" -> {
                if (ceased == null) {
                    Node company = company(number, key + "/company", ref, evidence, date, sink);
                    sink.literal(company, Tm.parentException, "ULTIMATE:NATURAL_PERSONS");
                }
            }
            case "persons-with-significant-control-statement" -> {
                String statement = text(d.get("statement"));
                // Companies House spells it "signficant" in its enumeration
                if (ceased == null && statement != null && statement.startsWith("no-individual-or-entity-with-sig")) {
                    Node company = company(number, key + "/company", ref, evidence, date, sink);
                    sink.literal(company, Tm.parentException, "ULTIMATE:NO_KNOWN_PERSON");
                }
            }
            default -> throw new IllegalArgumentException("data.kind '" + kind + "' is not a PSC kind");
        }
    }

    private static Node company(String number, String key, String ref, String evidence, LocalDate date,
                                RecordSink sink) {
        Node company = sink.record(Tm.Organization, key, ref, evidence, date);
        sink.literal(company, Tm.name, AUTHORITY + "-" + number);
        sink.literal(company, Tm.registeredAs, number);
        sink.literal(company, Tm.registrationAuthority, AUTHORITY);
        boolean overseas = number.startsWith("FC") || number.startsWith("SF") || number.startsWith("NF");
        sink.literal(company, Tm.legalJurisdiction, overseas ? null : "GB");
        sink.literal(company, Tm.confidence, CONFIDENCE);
        return company;
    }

    private static LocalDate date(String text) {
        return JsonValues.date(text);
    }

    private static List<String> texts(JsonNode values) {
        List<String> out = new ArrayList<>();
        if (values != null && values.isArray()) {
            values.forEach(v -> {
                if (text(v) != null) {
                    out.add(text(v));
                }
            });
        }
        return out;
    }

    private static String text(JsonNode v) {
        return JsonValues.text(v);
    }
}
