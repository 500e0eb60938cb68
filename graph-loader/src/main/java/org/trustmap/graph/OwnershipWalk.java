package org.trustmap.graph;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.trustmap.graph.internal.GraphSnapshot;
import org.trustmap.graph.internal.GraphSnapshot.Fact;

/**
 * Who controls an organization under a profile, going only upward through {@code CONTROLLED_BY} edges.
 *
 * <p>Each edge carries a fraction: its share (BODS ranges are staged as their lower bound), else 1 for a GLEIF
 * consolidation ({@code DIRECT_/ULTIMATE_CONSOLIDATION}), a {@code STATE} body or a stated parent ({@code STATED}),
 * else, for influence without share, the influence threshold (only where the profile counts influence). A
 * consolidation or a state body is a controlling hop whatever its share. A shareholding or voting right without share
 * (or an edge with neither share nor kind) is the named gap "share unknown" and is not followed; ended links are
 * history. Several edges between the same two organizations (two sources stating one stake) count once, the
 * strongest.</p>
 *
 * <p>The <em>integrated share</em> of an ancestor multiplies the fractions along each simple path and sums across
 * paths (a revisit closes a path, so cross-holdings end; at most {@value #MAX_DEPTH} hops and {@value #MAX_PATHS}
 * paths). An ancestor controls the organization when its integrated share reaches the profile's control threshold
 * (or the influence threshold where influence counts), or when some path to it counts at every hop (control is
 * transitive: 60 % of 60 % is still control).</p>
 */
final class OwnershipWalk {
    static final int MAX_DEPTH = 12;
    static final int MAX_PATHS = 10_000;
    /** Kinds that are control whatever share they state. */
    static final Set<String> CONTROL_KINDS = Set.of("DIRECT_CONSOLIDATION", "ULTIMATE_CONSOLIDATION", "STATE");
    static final Set<String> INFLUENCE_KINDS = ExposureDeriver.INFLUENCE_KINDS;
    /** Kinds that are only as strong as their share: without one (or without any kind) the share is unknown. */
    static final Set<String> UNKNOWN_SHARE_KINDS = Set.of("SHAREHOLDING", "VOTING_RIGHTS", "SHAREHOLDING_BAND",
            "VOTING_RIGHTS_BAND");

    /** An organization that controls the start, the shortest path of edges to it and why it counts. */
    record Controller(String org, List<Fact> path, double integrated, int paths, boolean chain, String basis) {
        Controller {
            path = List.copyOf(path);
        }
    }

    private final GraphSnapshot g;
    private final Profile profile;
    private final Map<String, Double> integrated = new HashMap<>();
    private final Map<String, Integer> pathCount = new HashMap<>();
    private final Set<String> chain = new HashSet<>();
    private final Map<String, List<Fact>> shortest = new LinkedHashMap<>();
    /** Per organization met: its shareholdings without share ("share unknown"). */
    private final Map<String, List<Fact>> unknownShares = new LinkedHashMap<>();
    private int paths;
    private boolean truncated;

    private OwnershipWalk(GraphSnapshot g, Profile profile) {
        this.g = g;
        this.profile = profile;
    }

    /** The start itself (integrated share 1) and every organization controlling it, nearest first. */
    static OwnershipWalk from(GraphSnapshot g, Profile profile, String start) {
        OwnershipWalk w = new OwnershipWalk(g, profile);
        w.integrated.put(start, 1.0);
        w.chain.add(start);
        w.shortest.put(start, List.of());
        Set<String> onPath = new HashSet<>();
        onPath.add(start);
        w.walk(start, new ArrayList<>(), onPath, 1.0, true);
        return w;
    }

    private void walk(String org, List<Fact> path, Set<String> onPath, double fraction, boolean counted) {
        if (path.size() >= MAX_DEPTH) {
            truncated = true;
            return;
        }
        for (Fact edge : strongestPerParent(org)) {
            String parent = edge.to();
            if (onPath.contains(parent)) {
                continue; // a cross-holding: the path closes here
            }
            if (paths >= MAX_PATHS) {
                truncated = true;
                return;
            }
            paths++;
            double f = fraction * fraction(edge);
            boolean c = counted && hopCounts(edge);
            integrated.merge(parent, f, Double::sum);
            pathCount.merge(parent, 1, Integer::sum);
            if (c) {
                chain.add(parent);
            }
            path.add(edge);
            if (!shortest.containsKey(parent) || shortest.get(parent).size() > path.size()) {
                shortest.put(parent, List.copyOf(path));
            }
            onPath.add(parent);
            if (c || f >= 1e-6) {
                walk(parent, path, onPath, f, c);
            }
            onPath.remove(parent);
            path.remove(path.size() - 1);
        }
    }

    /** The followable edges to each parent, one per parent (the strongest), in the snapshot's order. */
    private List<Fact> strongestPerParent(String org) {
        Map<String, Fact> best = new LinkedHashMap<>();
        for (Fact edge : g.parentsOf.getOrDefault(org, List.of())) {
            if (ended(edge)) {
                continue; // a stake that ended, a parent that was delisted: history, not control
            }
            String kind = (String) edge.prop("kind");
            Object share = edge.prop("share");
            if (share == null && (kind == null || UNKNOWN_SHARE_KINDS.contains(kind))) {
                unknownShares.computeIfAbsent(org, k -> new ArrayList<>()).add(edge);
                continue;
            }
            if (share == null && INFLUENCE_KINDS.contains(kind) && !profile.countInfluence()) {
                continue;
            }
            best.merge(edge.to(), edge, (a, b) -> rank(b) > rank(a) ? b : a);
        }
        return List.copyOf(best.values());
    }

    private double rank(Fact edge) {
        return fraction(edge) + (hopCounts(edge) ? 1 : 0);
    }

    private double fraction(Fact edge) {
        String kind = (String) edge.prop("kind");
        Object share = edge.prop("share");
        if (share instanceof Number n) {
            return Math.max(0, Math.min(100, n.doubleValue())) / 100;
        }
        if (CONTROL_KINDS.contains(kind)) {
            return 1.0;
        }
        if (INFLUENCE_KINDS.contains(kind)) {
            return profile.influencePercent().doubleValue() / 100;
        }
        return 1.0;
    }

    /** The single-hop rule: control kinds, a stated parent, or a share at the threshold the profile counts. */
    private boolean hopCounts(Fact edge) {
        String kind = (String) edge.prop("kind");
        Object share = edge.prop("share");
        if (CONTROL_KINDS.contains(kind)) {
            return true;
        }
        if (share == null) {
            return !INFLUENCE_KINDS.contains(kind) || profile.countInfluence();
        }
        return meets(((Number) share).doubleValue());
    }

    private boolean meets(double percent) {
        BigDecimal s = BigDecimal.valueOf(percent).setScale(6, java.math.RoundingMode.HALF_UP);
        return s.compareTo(profile.controlPercent()) >= 0
                || profile.countInfluence() && s.compareTo(profile.influencePercent()) >= 0;
    }

    private boolean controls(String org) {
        return chain.contains(org) || meets(Math.min(1.0, integrated.getOrDefault(org, 0.0)) * 100);
    }

    /** The start and its controllers, nearest first (then in the order they were met). */
    List<Controller> controllers() {
        List<Controller> out = new ArrayList<>();
        for (Map.Entry<String, List<Fact>> e : shortest.entrySet()) {
            String org = e.getKey();
            if (controls(org)) {
                double share = Math.min(1.0, integrated.get(org));
                out.add(new Controller(org, e.getValue(), share, pathCount.getOrDefault(org, 0),
                        chain.contains(org), e.getValue().isEmpty() ? null : basis(org, share)));
            }
        }
        out.sort(Comparator.comparingInt(c -> c.path().size()));
        return out;
    }

    private String basis(String org, double share) {
        int n = pathCount.getOrDefault(org, 0);
        String integratedText = "integrated share " + percent(share) + " over " + n + (n == 1 ? " path" : " paths");
        if (chain.contains(org)) {
            return "every hop at or above the profile's threshold (" + integratedText + ")";
        }
        return integratedText + " >= " + (meetsControl(share) ? "control " + profile.controlPercent().toPlainString()
                : "influence " + profile.influencePercent().toPlainString()) + " %";
    }

    private boolean meetsControl(double share) {
        return BigDecimal.valueOf(share * 100).setScale(6, java.math.RoundingMode.HALF_UP)
                .compareTo(profile.controlPercent()) >= 0;
    }

    /**
     * The direct parents of {@code org} that control the start too and continue the chain: a parent already on the
     * way from the start to {@code org} (a ring of cross-holdings) does not.
     */
    List<String> controllingParents(String org) {
        Set<String> below = new HashSet<>();
        below.add(shortest.get(org).isEmpty() ? org : shortest.get(org).get(0).from());
        shortest.getOrDefault(org, List.of()).forEach(f -> below.add(f.to()));
        Set<String> out = new LinkedHashSet<>();
        for (Fact edge : strongestPerParent(org)) {
            if (controls(edge.to()) && !below.contains(edge.to())) {
                out.add(edge.to());
            }
        }
        return List.copyOf(out);
    }

    /** "share unknown" gaps of the controllers' shareholdings without share. */
    List<String> unknownShareGaps() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<Fact>> e : unknownShares.entrySet()) {
            if (!controls(e.getKey())) {
                continue;
            }
            for (Fact edge : new LinkedHashSet<>(e.getValue())) {
                out.add("share unknown: " + g.orgNames.getOrDefault(e.getKey(), e.getKey()) + " -> "
                        + g.orgNames.getOrDefault(edge.to(), edge.to()));
            }
        }
        if (truncated) {
            out.add("ownership not followed to the end: more than " + MAX_DEPTH + " hops or " + MAX_PATHS + " paths");
        }
        return out;
    }

    static String percent(double fraction) {
        BigDecimal p = BigDecimal.valueOf(fraction * 100).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return p.toPlainString() + " %";
    }

    /** True for a link its source marks as no longer in force (status INACTIVE/ENDED/RETIRED, or an end date passed). */
    static boolean ended(Fact link) {
        Object status = link.prop("status");
        if (status != null && Set.of("INACTIVE", "ENDED", "RETIRED", "LAPSED").contains(status.toString().toUpperCase(Locale.ROOT))) {
            return true;
        }
        Object end = link.prop("endDate");
        if (end != null) {
            try {
                return java.time.LocalDate.parse(end.toString().substring(0, 10)).isBefore(java.time.LocalDate.now());
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }
}
