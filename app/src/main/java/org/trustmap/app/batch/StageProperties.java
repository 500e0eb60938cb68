package org.trustmap.app.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The stage step's settings ({@code trustmap.stage.*}); defaults live in {@code application.properties}.
 *
 * @param reuseStaged a capture whose graph is already in the staging store, staged by this build with the same shapes
 *                    and parser, is not parsed again (its graph, record count and refused records are reused); set to
 *                    false to stage every capture of the run again
 */
@ConfigurationProperties("trustmap.stage")
public record StageProperties(Boolean reuseStaged) {
    public static final StageProperties DEFAULTS = new StageProperties(true);

    public boolean reuses() {
        return reuseStaged == null ? DEFAULTS.reuseStaged : reuseStaged;
    }
}
