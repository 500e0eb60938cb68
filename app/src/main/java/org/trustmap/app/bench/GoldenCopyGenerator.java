package org.trustmap.app.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes SYNTHETIC GLEIF golden-copy-shaped files for benchmarks: {@code lei-data.xml} (LEI-CDF), {@code rr-data.xml}
 * (RR-CDF) and {@code repex-data.xml} (reporting exceptions) in the golden copy's XML layout, plus an inventory CSV
 * whose vendors are the generated organizations' names. Everything is invented and marked so: LEIs start with
 * {@code SYNT00} (valid ISO 17442 check digits), names read "Synthetic Entity 000123 Co., Ltd.".
 *
 * <p>Plain XML files; {@link #zip} packs each into a golden-copy-style zip as GLEIF publishes them (the GLEIF
 * parser streams zips). The same seed and sizes give the same bytes.</p>
 */
public final class GoldenCopyGenerator {
    /** Countries with cumulative weights (percent): CN/HK/MO included. */
    private static final String[] COUNTRIES = {"CN", "HK", "MO", "US", "DE", "GB", "CZ", "JP", "FR", "NL", "TW", "KR"};
    private static final int[] WEIGHTS = {14, 5, 1, 24, 10, 9, 7, 8, 7, 8, 4, 3};
    private static final String[] SUFFIX = {"Co., Ltd.", "Limited", "Ltd.", "Inc.", "GmbH", "Ltd", "s.r.o.", "K.K.",
            "SAS", "B.V.", "Co., Ltd.", "Co., Ltd."};
    private static final String[] SECTORS = {"energy", "transport", "healthcare", "public-administration", "water"};
    private static final String[] EXCEPTION_REASONS = {"NATURAL_PERSONS", "NON_CONSOLIDATING", "NON_PUBLIC",
            "NO_KNOWN_PERSON"};
    private static final int MAX_DEPTH = 5;

    /** Sizes of what was written. */
    public record Generated(Path folder, Path gleifFolder, Path inventory, int entities, int relationships,
                            int exceptions, int products) {
    }

    private final long seed;
    private final int changePercent;

    public GoldenCopyGenerator(long seed) {
        this(seed, 0);
    }

    /**
     * A generator whose output differs from {@code new GoldenCopyGenerator(seed)}'s in about {@code changePercent}
     * percent of the LEI records (their headquarters move to SG): the input of an incremental refresh.
     */
    public GoldenCopyGenerator(long seed, int changePercent) {
        if (changePercent < 0 || changePercent > 100) {
            throw new IllegalArgumentException("changePercent must be 0..100");
        }
        this.seed = seed;
        this.changePercent = changePercent;
    }

    /** Whether entity {@code i} is one of the changed ones (a fixed spread, independent of the seed's draws). */
    boolean changed(int i) {
        return Math.floorMod(i * 2654435761L + 17, 100) < changePercent;
    }

    /** A synthetic LEI for an index: {@code SYNT00} + 12 digits + ISO 7064 MOD 97-10 check digits. */
    public static String lei(int index) {
        String base = "SYNT00" + String.format(Locale.ROOT, "%012d", index);
        return base + checkDigits(base);
    }

    /** ISO 17442 check digits of the first 18 characters. */
    public static String checkDigits(String base18) {
        StringBuilder digits = new StringBuilder();
        for (char c : (base18 + "00").toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
        return String.format(Locale.ROOT, "%02d", check);
    }

    /** Whether an LEI's check digits are valid (ISO 7064 MOD 97-10 gives 1). */
    public static boolean valid(String lei) {
        StringBuilder digits = new StringBuilder();
        for (char c : lei.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    public static String name(int index, String country) {
        return String.format(Locale.ROOT, "Synthetic Entity %06d %s", index, suffix(country));
    }

    private static String suffix(String country) {
        for (int i = 0; i < COUNTRIES.length; i++) {
            if (COUNTRIES[i].equals(country)) {
                return SUFFIX[i];
            }
        }
        return "Ltd.";
    }

    /** Writes the three golden-copy files under {@code folder/gleif/} and {@code folder/inventory.csv}. */
    public Generated generate(Path folder, int entities, int products) throws IOException {
        return generate(folder, entities, products, false);
    }

    /**
     * Writes a GLEIF LastDay-style delta: {@code folder/gleif/lei-lastday.xml} with only the LEI records this
     * generator changes (as they read after the change, with a later {@code LastUpdateDate}), the rest of the golden
     * copy being what {@code new GoldenCopyGenerator(seed)} wrote. Returns the number of records written.
     */
    public int generateDelta(Path folder, int entities) throws IOException {
        return generate(folder, entities, 0, true).entities();
    }

    private Generated generate(Path folder, int entities, int products, boolean deltaOnly) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] country = new String[entities];
        int[] parent = new int[entities];
        int[] root = new int[entities];
        int[] depth = new int[entities];
        int[] duplicateOf = new int[entities];
        for (int i = 0; i < entities; i++) {
            duplicateOf[i] = -1;
            parent[i] = -1;
            root[i] = i;
            // groups: a child attaches to one of the last 64 entities, if that one is not too deep
            if (i > 0 && rnd.nextInt(100) < 45) {
                int p = Math.max(0, i - 1 - rnd.nextInt(Math.min(i, 64)));
                if (depth[p] < MAX_DEPTH - 1) {
                    parent[i] = p;
                    root[i] = root[p];
                    depth[i] = depth[p] + 1;
                }
            }
            // subsidiaries mostly share their parent's country, sometimes not (a foreign parent)
            country[i] = parent[i] >= 0 && rnd.nextInt(100) < 70 ? country[parent[i]] : pickCountry(rnd);
            if (i > 0 && parent[i] < 0 && rnd.nextInt(100) < 2) {
                duplicateOf[i] = rnd.nextInt(i); // a second LEI under the same legal name and country
                country[i] = country[duplicateOf[i]];
            }
        }
        Path gleif = folder.resolve("gleif");
        Files.createDirectories(gleif);
        if (deltaOnly) {
            rnd.split(); // the relationship and exception files' draws: the LEI records then draw as in the full copy
            rnd.split();
            int written = writeLei(gleif.resolve("lei-lastday.xml"), country, duplicateOf, rnd.split(), this::changed,
                    true);
            return new Generated(folder, gleif, null, written, 0, 0, 0);
        }
        int relationships = writeRelationships(gleif.resolve("rr-data.xml"), parent, root, rnd.split());
        int exceptions = writeExceptions(gleif.resolve("repex-data.xml"), parent, rnd.split());
        writeLei(gleif.resolve("lei-data.xml"), country, duplicateOf, rnd.split(), this::changed, false);
        Path inventory = folder.resolve("inventory.csv");
        writeInventory(inventory, country, duplicateOf, products, rnd.split());
        return new Generated(folder, gleif, inventory, entities, relationships, exceptions, products);
    }

    private static String pickCountry(SplittableRandom rnd) {
        int r = rnd.nextInt(100);
        for (int i = 0; i < WEIGHTS.length; i++) {
            r -= WEIGHTS[i];
            if (r < 0) {
                return COUNTRIES[i];
            }
        }
        return COUNTRIES[COUNTRIES.length - 1];
    }

    private static String legalName(int i, String[] country, int[] duplicateOf) {
        int named = duplicateOf[i] >= 0 ? duplicateOf[i] : i;
        return name(named, country[named]);
    }

    /** Writes the LEI records (only the changed ones when {@code changedOnly}); returns how many. */
    private static int writeLei(Path file, String[] country, int[] duplicateOf, SplittableRandom rnd,
                                java.util.function.IntPredicate changed, boolean changedOnly) throws IOException {
        int count = 0;
        if (changedOnly) {
            for (int i = 0; i < country.length; i++) {
                count += changed.test(i) ? 1 : 0;
            }
        }
        int written = 0;
        try (Writer full = writer(file)) {
            Writer w = full;
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><lei:LEIData xmlns:lei=\"http://www.gleif.org/data/schema/leidata/2016\""
                    + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
            w.write("  <!-- SYNTHETIC benchmark data generated by Trustmap (org.trustmap.app.bench); not GLEIF records -->\n");
            header(w, "lei", changedOnly ? count : country.length, changedOnly ? "GLEIF_LAST_DAY" : "GLEIF_FULL_PUBLISHED");
            w.write("  <lei:LEIRecords>\n");
            Writer skip = Writer.nullWriter();
            for (int i = 0; i < country.length; i++) {
                // every record draws the same random numbers, written or not: the delta matches the full file
                w = changedOnly && !changed.test(i) ? skip : full;
                written += w == full ? 1 : 0;
                String c = country[i];
                String name = legalName(i, country, duplicateOf);
                w.write("<lei:LEIRecord xmlns:lei=\"http://www.gleif.org/data/schema/leidata/2016\">\n");
                w.write("   <lei:LEI>" + lei(i) + "</lei:LEI>\n   <lei:Entity>\n");
                w.write("      <lei:LegalName xml:lang=\"en\">" + xml(name) + "</lei:LegalName>\n");
                int variant = rnd.nextInt(100);
                if (variant < 12) {
                    w.write("      <lei:OtherEntityNames>\n         <lei:OtherEntityName xml:lang=\"en\" type=\""
                            + (variant < 6 ? "TRADING_OR_OPERATING_NAME" : "PREVIOUS_LEGAL_NAME") + "\">"
                            + xml(variant < 6 ? name.toUpperCase(Locale.ROOT).replace(",", "").replace(".", "")
                                    : String.format(Locale.ROOT, "Synthetic Holdings %06d %s", i, suffix(c)))
                            + "</lei:OtherEntityName>\n      </lei:OtherEntityNames>\n");
                }
                if (c.equals("CN") && variant % 3 == 0) {
                    w.write("      <lei:TransliteratedOtherEntityNames>\n         <lei:TransliteratedOtherEntityName"
                            + " xml:lang=\"zh-Latn\" type=\"AUTO_ASCII_TRANSLITERATED_LEGAL_NAME\">"
                            + xml("SYNTHETIC ENTITY " + String.format(Locale.ROOT, "%06d", i) + " YOUXIAN GONGSI")
                            + "</lei:TransliteratedOtherEntityName>\n      </lei:TransliteratedOtherEntityNames>\n");
                }
                address(w, "LegalAddress", c, i);
                // a few are headquartered elsewhere than their legal address
                String hq = rnd.nextInt(100) < 5 ? (c.equals("HK") ? "CN" : "HK") : c;
                if (changed.test(i)) {
                    hq = "SG";
                }
                address(w, "HeadquartersAddress", hq, i);
                w.write("      <lei:RegistrationAuthority>\n         <lei:RegistrationAuthorityID>RA999999</lei:RegistrationAuthorityID>\n"
                        + "         <lei:RegistrationAuthorityEntityID>SYN" + String.format(Locale.ROOT, "%09d", i)
                        + "</lei:RegistrationAuthorityEntityID>\n      </lei:RegistrationAuthority>\n");
                w.write("      <lei:LegalJurisdiction>" + c + "</lei:LegalJurisdiction>\n");
                w.write("      <lei:EntityCategory>GENERAL</lei:EntityCategory>\n");
                w.write("      <lei:EntityStatus>ACTIVE</lei:EntityStatus>\n   </lei:Entity>\n");
                w.write("   <lei:Registration>\n      <lei:InitialRegistrationDate>2015-01-01T00:00:00.000Z</lei:InitialRegistrationDate>\n"
                        + "      <lei:LastUpdateDate>" + (changed.test(i) ? "2026-01-02" : "2026-01-01")
                        + "T00:00:00.000Z</lei:LastUpdateDate>\n"
                        + "      <lei:RegistrationStatus>ISSUED</lei:RegistrationStatus>\n"
                        + "      <lei:ManagingLOU>SYNT00000000000000XX</lei:ManagingLOU>\n"
                        + "      <lei:ValidationSources>FULLY_CORROBORATED</lei:ValidationSources>\n   </lei:Registration>\n");
                w.write("</lei:LEIRecord>\n");
            }
            w = full;
            w.write("  </lei:LEIRecords>\n</lei:LEIData>\n");
        }
        return written;
    }

    private static void address(Writer w, String element, String country, int i) throws IOException {
        w.write("      <lei:" + element + " xml:lang=\"en\">\n         <lei:FirstAddressLine>" + (i % 997 + 1)
                + " Synthetic Road</lei:FirstAddressLine>\n         <lei:City>Synthetic City</lei:City>\n"
                + "         <lei:Country>" + country + "</lei:Country>\n         <lei:PostalCode>00000</lei:PostalCode>\n"
                + "      </lei:" + element + ">\n");
    }

    private static int writeRelationships(Path file, int[] parent, int[] root, SplittableRandom rnd) throws IOException {
        int count = 0;
        try (Writer w = writer(file)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rr:RelationshipData xmlns:rr=\"http://www.gleif.org/data/schema/rr/2016\""
                    + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
            w.write("  <!-- SYNTHETIC benchmark data generated by Trustmap (org.trustmap.app.bench); not GLEIF records -->\n");
            int total = 0;
            for (int i = 0; i < parent.length; i++) {
                total += parent[i] < 0 ? 0 : 2;
            }
            header(w, "rr", total);
            w.write("  <rr:RelationshipRecords>\n");
            for (int i = 0; i < parent.length; i++) {
                if (parent[i] < 0) {
                    continue;
                }
                relationship(w, i, parent[i], "IS_DIRECTLY_CONSOLIDATED_BY");
                relationship(w, i, root[i], "IS_ULTIMATELY_CONSOLIDATED_BY");
                count += 2;
            }
            w.write("  </rr:RelationshipRecords>\n</rr:RelationshipData>\n");
        }
        return count;
    }

    private static void relationship(Writer w, int child, int parent, String type) throws IOException {
        w.write("<rr:RelationshipRecord xmlns:rr=\"http://www.gleif.org/data/schema/rr/2016\">\n   <rr:Relationship>\n"
                + "      <rr:StartNode>\n         <rr:NodeID>" + lei(child) + "</rr:NodeID>\n         <rr:NodeIDType>LEI</rr:NodeIDType>\n      </rr:StartNode>\n"
                + "      <rr:EndNode>\n         <rr:NodeID>" + lei(parent) + "</rr:NodeID>\n         <rr:NodeIDType>LEI</rr:NodeIDType>\n      </rr:EndNode>\n"
                + "      <rr:RelationshipType>" + type + "</rr:RelationshipType>\n"
                + "      <rr:RelationshipPeriods>\n         <rr:RelationshipPeriod>\n            <rr:StartDate>2016-01-01T00:00:00.000Z</rr:StartDate>\n"
                + "            <rr:PeriodType>RELATIONSHIP_PERIOD</rr:PeriodType>\n         </rr:RelationshipPeriod>\n      </rr:RelationshipPeriods>\n"
                + "      <rr:RelationshipStatus>ACTIVE</rr:RelationshipStatus>\n   </rr:Relationship>\n"
                + "   <rr:Registration>\n      <rr:InitialRegistrationDate>2016-01-01T00:00:00.000Z</rr:InitialRegistrationDate>\n"
                + "      <rr:LastUpdateDate>2026-01-01T00:00:00.000Z</rr:LastUpdateDate>\n      <rr:RegistrationStatus>PUBLISHED</rr:RegistrationStatus>\n"
                + "      <rr:ValidationSources>FULLY_CORROBORATED</rr:ValidationSources>\n"
                + "      <rr:ValidationReference>https://example.invalid/synthetic/" + lei(child) + "</rr:ValidationReference>\n"
                + "   </rr:Registration>\n</rr:RelationshipRecord>\n");
    }

    private static int writeExceptions(Path file, int[] parent, SplittableRandom rnd) throws IOException {
        int count = 0;
        List<String> records = new ArrayList<>();
        try (Writer w = writer(file)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><repex:ReportingExceptionData xmlns:repex=\"http://www.gleif.org/data/schema/repex/2016\""
                    + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
            w.write("  <!-- SYNTHETIC benchmark data generated by Trustmap (org.trustmap.app.bench); not GLEIF records -->\n");
            for (int i = 0; i < parent.length; i++) {
                // top entities declare why they have no parent; 10 % declare nothing (a gap)
                if (parent[i] >= 0 || rnd.nextInt(100) < 10) {
                    continue;
                }
                String reason = EXCEPTION_REASONS[rnd.nextInt(EXCEPTION_REASONS.length)];
                for (String category : List.of("DIRECT_ACCOUNTING_CONSOLIDATION_PARENT",
                        "ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT")) {
                    records.add("<repex:Exception xmlns:repex=\"http://www.gleif.org/data/schema/repex/2016\">\n   <repex:LEI>"
                            + lei(i) + "</repex:LEI>\n   <repex:ExceptionCategory>" + category
                            + "</repex:ExceptionCategory>\n   <repex:ExceptionReason>" + reason
                            + "</repex:ExceptionReason>\n</repex:Exception>\n");
                    count++;
                }
            }
            header(w, "repex", count);
            w.write("  <repex:ReportingExceptions>\n");
            for (String r : records) {
                w.write(r);
            }
            w.write("  </repex:ReportingExceptions>\n</repex:ReportingExceptionData>\n");
        }
        return count;
    }

    private static void writeInventory(Path file, String[] country, int[] duplicateOf, int products,
                                       SplittableRandom rnd) throws IOException {
        try (Writer w = writer(file)) {
            w.write("# SYNTHETIC benchmark inventory generated by Trustmap (org.trustmap.app.bench): invented operators,\n");
            w.write("# products and deployments; vendors are the synthetic GLEIF entities' names.\n");
            w.write("operator,sector,product,vendor,model,cpe,fcc_id,mac,count\n");
            for (int p = 0; p < products; p++) {
                int e = rnd.nextInt(country.length);
                String vendor = legalName(e, country, duplicateOf);
                if (rnd.nextInt(100) < 10) {
                    vendor = vendor.toUpperCase(Locale.ROOT); // a name variant as an operator would type it
                }
                String sector = SECTORS[p % SECTORS.length];
                w.write(String.format(Locale.ROOT, "Synthetic Operator %03d,%s,Synthetic Product %06d,\"%s\",SP-%06d,,,,%d%n",
                        p % 200, sector, p, vendor.replace("\"", "\"\""), p, 1 + rnd.nextInt(500)));
            }
        }
    }

    private static void header(Writer w, String prefix, int count) throws IOException {
        header(w, prefix, count, "GLEIF_FULL_PUBLISHED");
    }

    private static void header(Writer w, String prefix, int count, String content) throws IOException {
        String h = prefix.equals("lei") ? "LEIHeader" : "Header";
        w.write("  <" + prefix + ":" + h + ">\n    <" + prefix + ":ContentDate>2026-01-01T00:00:00Z</" + prefix
                + ":ContentDate>\n    <" + prefix + ":FileContent>" + content + "</" + prefix + ":FileContent>\n    <"
                + prefix + ":RecordCount>" + count + "</" + prefix + ":RecordCount>\n  </" + prefix + ":" + h + ">\n");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Replaces each file of the GLEIF folder by {@code NAME.zip} holding it (deflated, as GLEIF ships them). */
    public static void zip(Path gleifFolder) throws IOException {
        List<Path> files;
        try (var list = Files.list(gleifFolder)) {
            files = list.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path f : files) {
            Path zip = f.resolveSibling(f.getFileName() + ".zip");
            try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(
                    new java.io.BufferedOutputStream(Files.newOutputStream(zip), 1 << 16))) {
                java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(f.getFileName().toString());
                // a fixed time: the same content gives the same zip bytes (and the same archive record)
                entry.setTime(java.time.Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
                out.putNextEntry(entry);
                Files.copy(f, out);
                out.closeEntry();
            }
            Files.delete(f);
        }
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }
}
