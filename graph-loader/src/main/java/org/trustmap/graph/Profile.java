package org.trustmap.graph;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A versioned exposure profile ({@code data/profiles/NAME.yml}): which jurisdictions are of concern, which
 * "based in" facts count, ownership thresholds, counted routes and closing exceptions. Its hash is the SHA-256 of
 * the file's bytes.
 */
public record Profile(String name, int version, String hash, Set<String> concernJurisdictions, Set<String> basedInBases,
                      BigDecimal controlPercent, BigDecimal influencePercent, boolean countInfluence,
                      Set<String> routes, Set<String> closingExceptions, Set<String> flags) {
    public static final Set<String> ROUTES = Set.of("MAKER", "COMPONENT", "DATA_TRANSFER", "REMOTE_ADMIN");
    public static final Set<String> BASES = Set.of("LEGAL_JURISDICTION", "LEGAL_ADDRESS", "HEADQUARTERS", "STATED");

    public Profile {
        concernJurisdictions = Set.copyOf(concernJurisdictions);
        basedInBases = Set.copyOf(basedInBases);
        routes = Set.copyOf(routes);
        closingExceptions = Set.copyOf(closingExceptions);
        flags = Set.copyOf(flags);
    }

    /** Loads {@code NAME.yml} from the profiles folder; a bad file names the file and the field. */
    public static Profile load(Path profilesDir, String name) throws IOException {
        Path file = profilesDir.resolve(name + ".yml");
        if (!Files.isRegularFile(file)) {
            throw new ProfileException(file + ": no such profile (profiles are the *.yml files in " + profilesDir + ")");
        }
        return parse(file, Files.readAllBytes(file));
    }

    static Profile parse(Path file, byte[] bytes) {
        Map<String, Object> y;
        try {
            y = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ProfileException(file + ": not valid YAML: " + e.getMessage());
        }
        if (y == null) {
            throw new ProfileException(file + ": empty profile");
        }
        String name = text(y, "name", file);
        Map<?, ?> thresholds = y.get("thresholds") instanceof Map<?, ?> m ? m : Map.of();
        Set<String> routes = set(y, "routes", file);
        Set<String> bases = set(y, "based_in_bases", file);
        check(routes, ROUTES, "routes", file);
        check(bases, BASES, "based_in_bases", file);
        Set<String> concern = set(y, "concern_jurisdictions", file);
        if (concern.isEmpty()) {
            throw new ProfileException(file + ": concern_jurisdictions is empty");
        }
        return new Profile(name, y.get("version") instanceof Number n ? n.intValue() : 1, sha256(bytes), concern, bases,
                decimal(thresholds.get("control_percent"), "50"), decimal(thresholds.get("influence_percent"), "25"),
                Boolean.TRUE.equals(y.get("count_influence")), routes, set(y, "closing_exceptions", file),
                set(y, "flags", file));
    }

    private static void check(Set<String> values, Set<String> allowed, String field, Path file) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw new ProfileException(file + ": " + field + " has '" + v + "'; allowed: " + allowed);
            }
        }
    }

    private static String text(Map<String, Object> y, String key, Path file) {
        Object v = y.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new ProfileException(file + ": field '" + key + "' is missing");
        }
        return v.toString();
    }

    private static Set<String> set(Map<String, Object> y, String key, Path file) {
        Object v = y.get(key);
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new ProfileException(file + ": field '" + key + "' must be a list");
        }
        return Set.copyOf(list.stream().map(o -> o.toString().strip().toUpperCase(java.util.Locale.ROOT)).toList());
    }

    private static BigDecimal decimal(Object v, String fallback) {
        return new BigDecimal(v == null ? fallback : v.toString());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A profile file that cannot be used. */
    public static final class ProfileException extends RuntimeException {
        public ProfileException(String message) {
            super(message);
        }
    }
}
