package org.trustmap.queries;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.trustmap.queries.SectorReport.Count;
import org.trustmap.queries.SectorReport.FlagEntry;
import org.trustmap.queries.SectorReport.OperatorTally;
import org.trustmap.queries.SectorReport.Run;
import org.trustmap.queries.SectorReport.Stamp;
import org.trustmap.queries.SectorReport.Tally;
import org.trustmap.queries.internal.Values;

/**
 * Builds {@link SectorReport}s from the deployments {@link ExposureReport} reads: the same verdicts as
 * {@code trustmap exposure}, grouped for a regulator.
 *
 * <pre>{@code
 * SectorReport energy = new SectorReports(null).read(driver, "energy", Instant.now());
 * SectorReportWriter.write(energy, ReportFormat.HTML, out);
 * }</pre>
 */
public final class SectorReports {
    /** The sector name that reports every sector. */
    public static final String ALL = "all";
    /** The routes every tally lists, zero included. */
    public static final List<String> ROUTES = List.of("MAKER", "COMPONENT", "DATA_TRANSFER", "REMOTE_ADMIN");
    /** The sector of a deployment that has none. */
    static final String NO_SECTOR = "(no sector)";

    private static final String RUNS = """
            UNWIND $ids AS id
            OPTIONAL MATCH (r:Run {id: id})
            RETURN id, coalesce(r.finishedAt, r.startedAt) AS finishedAt
            ORDER BY id
            """;

    private final String database;

    /** Reads from {@code database}; {@code null} means the server's default database. */
    public SectorReports(String database) {
        this.database = database;
    }

    /** The sectors that have deployments, lower case, sorted. */
    public List<String> sectors(Driver driver) {
        return sectors(new ExposureReport(database).read(driver, Optional.empty()));
    }

    /**
     * The report of {@code sector} (any case) or of {@link #ALL}.
     *
     * @throws IllegalArgumentException for a sector without deployments, listing the known ones
     */
    public SectorReport read(Driver driver, String sector, Instant generatedAt) {
        List<ExposureEntry> entries = new ExposureReport(database).read(driver, Optional.empty());
        List<ExposureEntry> chosen = select(entries, sector);
        Set<String> runIds = new TreeSet<>();
        chosen.stream().map(ExposureEntry::runId).filter(java.util.Objects::nonNull).forEach(runIds::add);
        return of(chosen, normalize(sector), runs(driver, List.copyOf(runIds)), generatedAt);
    }

    /** The sectors of {@code entries}, lower case, sorted. */
    public static List<String> sectors(List<ExposureEntry> entries) {
        Set<String> sectors = new TreeSet<>();
        entries.forEach(e -> sectors.add(sectorOf(e)));
        return List.copyOf(sectors);
    }

    /**
     * The entries of {@code sector} (compared in lower case) or every entry for {@link #ALL}.
     *
     * @throws IllegalArgumentException for a sector none of them has, listing the known ones
     */
    public static List<ExposureEntry> select(List<ExposureEntry> entries, String sector) {
        String wanted = normalize(sector);
        if (wanted.equals(ALL)) {
            return entries;
        }
        List<ExposureEntry> chosen = entries.stream().filter(e -> sectorOf(e).equals(wanted)).toList();
        if (chosen.isEmpty()) {
            List<String> known = sectors(entries);
            throw new IllegalArgumentException("unknown sector '" + sector + "'; known sectors: "
                    + (known.isEmpty() ? "none (no deployments in the graph; run `trustmap refresh` first)"
                    : String.join(", ", known) + " (or " + ALL + ")"));
        }
        return chosen;
    }

    /** The report over {@code entries} (already selected), stamped with {@code runs} and {@code generatedAt}. */
    public static SectorReport of(List<ExposureEntry> entries, String sector, List<Run> runs, Instant generatedAt) {
        List<ExposureEntry> sorted = new ArrayList<>(entries);
        sorted.sort(ExposureReport.ORDER);
        Map<String, List<ExposureEntry>> byOperator = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Set<ExposureEntry.Profile> profiles = new LinkedHashSet<>();
        for (ExposureEntry e : sorted) {
            byOperator.computeIfAbsent(e.operator() == null ? "" : e.operator(), k -> new ArrayList<>()).add(e);
            if (e.profile() != null && e.profile().name() != null) {
                profiles.add(e.profile());
            }
        }
        List<OperatorTally> operators = new ArrayList<>();
        byOperator.forEach((operator, list) -> operators.add(new OperatorTally(operator, sectors(list), tally(list))));
        Stamp stamp = new Stamp(generatedAt.truncatedTo(ChronoUnit.SECONDS).toString(), List.copyOf(profiles), runs);
        return new SectorReport(normalize(sector), stamp, tally(sorted), operators,
                sorted.stream().filter(e -> e.verdict() == Verdict.EXPOSED).toList(),
                sorted.stream().filter(e -> e.verdict() == Verdict.UNDETERMINED).toList(),
                sorted.stream().filter(e -> e.verdict() == Verdict.NOT_FOUND).toList(),
                flags(sorted));
    }

    /** Counts per verdict, route, concern jurisdiction and flag over {@code entries}. */
    public static Tally tally(List<ExposureEntry> entries) {
        Map<String, long[]> verdicts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            verdicts.put(v.name(), new long[2]);
        }
        Map<String, long[]> routes = new LinkedHashMap<>();
        ROUTES.forEach(r -> routes.put(r, new long[2]));
        Map<String, long[]> jurisdictions = new TreeMap<>();
        Map<String, long[]> flags = new TreeMap<>();
        long units = 0;
        int withoutCount = 0;
        for (ExposureEntry e : entries) {
            long n = e.count() == null ? 0 : e.count();
            units += n;
            if (e.count() == null) {
                withoutCount++;
            }
            add(verdicts, e.verdict().name(), n);
            e.findings().stream().map(ExposureEntry.Finding::route).filter(java.util.Objects::nonNull).distinct()
                    .forEach(r -> add(routes, r, n));
            e.findings().stream().map(ExposureEntry.Finding::jurisdiction).filter(java.util.Objects::nonNull)
                    .distinct().forEach(j -> add(jurisdictions, j, n));
            e.flags().stream().map(f -> flagParts(f)[1]).distinct().forEach(f -> add(flags, f, n));
        }
        return new Tally(entries.size(), units, withoutCount, counts(verdicts), counts(routes), counts(jurisdictions),
                counts(flags));
    }

    private static void add(Map<String, long[]> counts, String key, long units) {
        long[] c = counts.computeIfAbsent(key, k -> new long[2]);
        c[0]++;
        c[1] += units;
    }

    private static Map<String, Count> counts(Map<String, long[]> raw) {
        Map<String, Count> m = new LinkedHashMap<>();
        raw.forEach((k, c) -> m.put(k, new Count((int) c[0], c[1])));
        return m;
    }

    private static List<FlagEntry> flags(List<ExposureEntry> entries) {
        Map<List<String>, Set<String>> products = new TreeMap<>((a, b) -> {
            int c = a.get(0).compareTo(b.get(0));
            return c != 0 ? c : a.get(1).compareToIgnoreCase(b.get(1));
        });
        for (ExposureEntry e : entries) {
            for (String f : e.flags()) {
                String[] parts = flagParts(f);
                products.computeIfAbsent(List.of(parts[1], parts[0]), k -> new TreeSet<>()).add(e.product().id());
            }
        }
        List<FlagEntry> list = new ArrayList<>();
        products.forEach((k, ids) -> list.add(new FlagEntry(k.get(0), k.get(1), List.copyOf(ids))));
        return list;
    }

    /** {@code "Organization name: US_DOD_1260H"} as {organization, flag}; a flag without a name has "" as name. */
    static String[] flagParts(String flag) {
        int at = flag.lastIndexOf(": ");
        return at < 0 ? new String[] {"", flag.strip()} : new String[] {flag.substring(0, at), flag.substring(at + 2).strip()};
    }

    private List<Run> runs(Driver driver, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        SessionConfig config = database == null ? SessionConfig.defaultConfig() : SessionConfig.forDatabase(database);
        try (Session session = driver.session(config)) {
            return session.executeRead(tx -> tx.run(RUNS, Map.of("ids", ids)).list(r -> {
                Object finished = Values.plain(r.get("finishedAt"));
                return new Run(r.get("id").asString(), finished == null ? null : finished.toString());
            }));
        }
    }

    private static String sectorOf(ExposureEntry e) {
        return e.sector() == null || e.sector().isBlank() ? NO_SECTOR : e.sector().strip().toLowerCase(Locale.ROOT);
    }

    private static String normalize(String sector) {
        return sector == null ? ALL : sector.strip().toLowerCase(Locale.ROOT);
    }
}
