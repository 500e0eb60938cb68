package org.trustmap.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Settings of entity resolution ({@code data/resolution.yml}), shared by every profile because resolution runs once
 * per refresh, before any profile: {@code name_match.threshold} is the score (0..1) at or above which two names in
 * the same country, or a name-only record and the one organization near it, are merged by the scored name match.
 */
public record ResolutionSettings(double nameMatchThreshold) {
    /** The default threshold: one typo in a long word passes, a different or an extra word does not. */
    public static final double DEFAULT_THRESHOLD = 0.92;

    public ResolutionSettings {
        if (!(nameMatchThreshold > 0 && nameMatchThreshold <= 1)) {
            throw new IllegalArgumentException("name_match.threshold must be in (0, 1], was " + nameMatchThreshold);
        }
    }

    public static ResolutionSettings defaults() {
        return new ResolutionSettings(DEFAULT_THRESHOLD);
    }

    /** Reads the file; a missing file means the defaults. Errors name the file and the field. */
    public static ResolutionSettings load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return defaults();
        }
        Object y;
        try {
            y = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new SettingsException(file + ": not valid YAML: " + e.getMessage());
        }
        if (y == null) {
            return defaults();
        }
        if (!(y instanceof Map<?, ?> root)) {
            throw new SettingsException(file + ": expected a mapping with name_match.threshold");
        }
        Object nameMatch = root.get("name_match");
        if (nameMatch == null) {
            return defaults();
        }
        if (!(nameMatch instanceof Map<?, ?> m) || !(m.get("threshold") instanceof Number threshold)) {
            throw new SettingsException(file + ": name_match.threshold must be a number between 0 and 1");
        }
        try {
            return new ResolutionSettings(threshold.doubleValue());
        } catch (IllegalArgumentException e) {
            throw new SettingsException(file + ": " + e.getMessage());
        }
    }

    /** A settings file that cannot be used. */
    public static final class SettingsException extends RuntimeException {
        public SettingsException(String message) {
            super(message);
        }
    }
}
