package org.trustmap.queries;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What changed between two refresh runs' verdicts: per product the verdict change, routes, concern jurisdictions
 * and list flags added or removed, gaps opened or closed; products added or removed.
 *
 * @param from    the earlier run
 * @param to      the later run
 * @param changes the products that changed, by product id; unchanged products are only counted
 * @param summary the counts
 */
public record RunDiff(Run from, Run to, List<ProductChange> changes, Summary summary) {
    public RunDiff {
        changes = List.copyOf(changes);
    }

    /** One run, from its {@code summary.json}. */
    public record Run(String id, String profile, String profileHash, String finishedAt) {
    }

    public enum Change { ADDED, REMOVED, CHANGED }

    /** Values present in the later run only ({@code added}) and in the earlier run only ({@code removed}). */
    public record Delta(List<String> added, List<String> removed) {
        public Delta {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }

        static Delta of(List<String> before, List<String> after) {
            Set<String> b = new LinkedHashSet<>(before);
            Set<String> a = new LinkedHashSet<>(after);
            return new Delta(a.stream().filter(v -> !b.contains(v)).toList(),
                    b.stream().filter(v -> !a.contains(v)).toList());
        }

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    /**
     * One product that changed. For an ADDED product {@code verdictFrom} is {@code null} and every value is added;
     * for a REMOVED one {@code verdictTo} is {@code null} and every value removed.
     *
     * @param gaps {@code added} are gaps opened, {@code removed} gaps closed
     */
    public record ProductChange(String productId, String name, Change change, String verdictFrom, String verdictTo,
                                Delta routes, Delta jurisdictions, Delta gaps, Delta flags) {
        public boolean verdictChanged() {
            return !Objects.equals(verdictFrom, verdictTo);
        }
    }

    /**
     * @param productsFrom   products with a verdict in the earlier run
     * @param productsTo     products with a verdict in the later run
     * @param verdictChanged products in both runs whose verdict changed
     * @param otherChanged   products in both runs with the same verdict but other routes, jurisdictions, gaps or flags
     * @param transitions    per verdict change ({@code "NOT_FOUND -> EXPOSED"}) the number of products, sorted
     * @param profileChanged the runs were derived under different profiles or profile versions
     */
    public record Summary(int productsFrom, int productsTo, int added, int removed, int verdictChanged,
                          int otherChanged, int unchanged, Map<String, Integer> transitions, boolean profileChanged) {
        public Summary {
            transitions = java.util.Collections.unmodifiableMap(new TreeMap<>(transitions));
        }
    }

    /** {@code true} when any product was added, removed or changed. */
    public boolean changed() {
        return !changes.isEmpty();
    }

    /** Compares {@code before} (the verdicts of {@code from}) with {@code after} (those of {@code to}). */
    public static RunDiff of(Run from, List<RunVerdict> before, Run to, List<RunVerdict> after) {
        Map<String, RunVerdict> b = byId(before, from);
        Map<String, RunVerdict> a = byId(after, to);
        Set<String> ids = new java.util.TreeSet<>(b.keySet());
        ids.addAll(a.keySet());
        List<ProductChange> changes = new ArrayList<>();
        Map<String, Integer> transitions = new TreeMap<>();
        int added = 0;
        int removed = 0;
        int verdictChanged = 0;
        int otherChanged = 0;
        int unchanged = 0;
        RunVerdict none = new RunVerdict(null, null, null, List.of(), List.of(), List.of(), List.of());
        for (String id : ids) {
            RunVerdict x = b.getOrDefault(id, none);
            RunVerdict y = a.getOrDefault(id, none);
            Change change = !b.containsKey(id) ? Change.ADDED : !a.containsKey(id) ? Change.REMOVED : Change.CHANGED;
            ProductChange c = new ProductChange(id, y.name() != null ? y.name() : x.name(), change, x.verdict(),
                    y.verdict(), Delta.of(x.routes(), y.routes()), Delta.of(x.jurisdictions(), y.jurisdictions()),
                    Delta.of(x.gaps(), y.gaps()), Delta.of(x.flags(), y.flags()));
            switch (change) {
                case ADDED -> added++;
                case REMOVED -> removed++;
                case CHANGED -> {
                    if (c.verdictChanged()) {
                        verdictChanged++;
                        transitions.merge(x.verdict() + " -> " + y.verdict(), 1, Integer::sum);
                    } else if (!c.routes().isEmpty() || !c.jurisdictions().isEmpty() || !c.gaps().isEmpty()
                            || !c.flags().isEmpty()) {
                        otherChanged++;
                    } else {
                        unchanged++;
                        continue;
                    }
                }
            }
            changes.add(c);
        }
        boolean profileChanged = !Objects.equals(from.profile(), to.profile())
                || !Objects.equals(from.profileHash(), to.profileHash());
        return new RunDiff(from, to, changes, new Summary(b.size(), a.size(), added, removed, verdictChanged,
                otherChanged, unchanged, transitions, profileChanged));
    }

    private static Map<String, RunVerdict> byId(List<RunVerdict> verdicts, Run run) {
        Map<String, RunVerdict> m = new TreeMap<>();
        for (RunVerdict v : verdicts) {
            if (m.put(v.productId(), v) != null) {
                throw new IllegalArgumentException("run " + run.id() + ": product " + v.productId()
                        + " has two verdicts");
            }
        }
        return m;
    }

    /**
     * One line: {@code run-0001 -> run-0002: 2 verdicts changed (1 NOT_FOUND -> EXPOSED, 1 ...), 1 otherwise changed,
     * 1 added, 0 removed, 15 unchanged}; or {@code ...: no changes (18 products)}.
     */
    public String summaryLine() {
        Summary s = summary;
        StringBuilder b = new StringBuilder(from.id()).append(" -> ").append(to.id()).append(": ");
        if (!changed()) {
            b.append("no changes (").append(s.productsTo()).append(s.productsTo() == 1 ? " product)" : " products)");
        } else {
            b.append(s.verdictChanged()).append(s.verdictChanged() == 1 ? " verdict changed" : " verdicts changed");
            if (!s.transitions().isEmpty()) {
                b.append(" (").append(String.join(", ", s.transitions().entrySet().stream()
                        .map(t -> t.getValue() + " " + t.getKey()).toList())).append(")");
            }
            b.append(", ").append(s.otherChanged()).append(" otherwise changed, ").append(s.added())
                    .append(" added, ").append(s.removed()).append(" removed, ").append(s.unchanged())
                    .append(" unchanged");
        }
        if (s.profileChanged()) {
            b.append("; profile changed: ").append(from.profile()).append(" ").append(shortHash(from.profileHash()))
                    .append(" -> ").append(to.profile()).append(" ").append(shortHash(to.profileHash()));
        }
        return b.toString();
    }

    private static String shortHash(String hash) {
        return hash == null ? "?" : hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
