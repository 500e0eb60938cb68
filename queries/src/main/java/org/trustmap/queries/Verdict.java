package org.trustmap.queries;

/** The verdict of one deployed product, in report order: the ones that need action first. */
public enum Verdict {
    EXPOSED, UNDETERMINED, NOT_FOUND;

    /**
     * The verdict stored on an {@code (:ExposureFinding)}; {@code null} (no finding yet) is UNDETERMINED.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static Verdict of(String stored) {
        if (stored == null) {
            return UNDETERMINED;
        }
        try {
            return valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown verdict '" + stored + "'; expected EXPOSED, NOT_FOUND or "
                    + "UNDETERMINED");
        }
    }
}
