package org.trustmap.graph;

import org.trustmap.graph.internal.Names;

/** Organization names compared as resolution compares them (normalized: case, punctuation, legal forms ...). */
public final class OrganizationNames {
    private OrganizationNames() {
    }

    /**
     * True when both names normalize to the same name and that name is specific enough to merge records on (not
     * empty, not one generic word): the test resolution applies to names within a country.
     */
    public static boolean same(String a, String b) {
        String n = Names.normalize(a);
        return Names.matchable(n) && n.equals(Names.normalize(b));
    }
}
