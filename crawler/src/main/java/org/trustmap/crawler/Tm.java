package org.trustmap.crawler;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The Trustmap staging vocabulary ({@code data/ontology/trustmap.ttl}) as Jena nodes. */
public final class Tm {
    public static final String NS = "urn:trustmap:ns:";
    /** Prefix of record IRIs: {@code urn:trustmap:rec:<source>:<capture>:<local>}. */
    public static final String RECORD_NS = "urn:trustmap:rec:";
    /** Prefix of named graphs: {@code urn:trustmap:graph:<source>:<capture>}. */
    public static final String GRAPH_NS = "urn:trustmap:graph:";
    /** The graph describing every capture (source, URI, WARC record id, date). */
    public static final Node CAPTURES_GRAPH = NodeFactory.createURI("urn:trustmap:captures");
    /** Every node below by its IRI (filled as the class initializes, read-only after). */
    private static final java.util.Map<String, Node> TERMS = new java.util.HashMap<>();

    public static final Node Organization = n("Organization");
    public static final Node Product = n("Product");
    public static final Node Deployment = n("Deployment");
    public static final Node Link = n("Link");
    public static final Node Capture = n("Capture");

    public static final Node source = n("source");
    public static final Node evidenceUrl = n("evidenceUrl");
    public static final Node evidenceDate = n("evidenceDate");
    public static final Node recordRef = n("recordRef");
    public static final Node warcRecordId = n("warcRecordId");
    public static final Node confidence = n("confidence");

    public static final Node name = n("name");
    public static final Node otherName = n("otherName");
    public static final Node lei = n("lei");
    public static final Node legalJurisdiction = n("legalJurisdiction");
    public static final Node legalCountry = n("legalCountry");
    public static final Node hqCountry = n("hqCountry");
    public static final Node registeredAs = n("registeredAs");
    public static final Node registrationAuthority = n("registrationAuthority");
    public static final Node entityStatus = n("entityStatus");
    public static final Node basedIn = n("basedIn");
    public static final Node flag = n("flag");
    public static final Node parentException = n("parentException");
    /** IEEE MA-L assignment (OUI) registered to the organization, six hex digits, e.g. {@code 4447CC}. */
    public static final Node ouiAssignment = n("ouiAssignment");
    /** FCC grantee code of the organization: 3 characters, or 5 starting with '2'. */
    public static final Node fccGranteeCode = n("fccGranteeCode");

    public static final Node productId = n("productId");
    public static final Node vendor = n("vendor");
    public static final Node model = n("model");
    public static final Node cpe = n("cpe");
    public static final Node fccId = n("fccId");
    public static final Node mac = n("mac");
    public static final Node operator = n("operator");
    public static final Node sector = n("sector");
    public static final Node count = n("count");
    public static final Node product = n("product");

    public static final Node from = n("from");
    public static final Node to = n("to");
    public static final Node relation = n("relation");
    public static final Node controlKind = n("controlKind");
    public static final Node share = n("share");
    public static final Node linkStatus = n("linkStatus");
    public static final Node startDate = n("startDate");
    public static final Node endDate = n("endDate");
    /** A service endpoint (URL or host) a SENDS_DATA_TO link reaches. */
    public static final Node endpoint = n("endpoint");
    /** A data flow of a SENDS_DATA_TO link, {@code <classification>:<flow>} (CycloneDX {@code data[]}). */
    public static final Node dataFlow = n("dataFlow");

    public static final Node targetUri = n("targetUri");
    public static final Node contentType = n("contentType");
    public static final Node retrieved = n("retrieved");
    /** Which staging code and shapes wrote a capture's graph (see {@code StagingStore#stagedResult}). */
    public static final Node stagedBy = n("stagedBy");
    /** Records accepted into a capture's graph. */
    public static final Node stagedRecords = n("stagedRecords");
    /** The records refused while staging a capture, as a JSON array of {@code ParseProblem}s. */
    public static final Node stagedProblems = n("stagedProblems");
    /**
     * True when a capture's statements are kept in its records copy only, not in the staging dataset's quad indexes
     * (a bulk capture, see {@code StagingStore#stageBulk}); the dataset then holds only what this graph says of it.
     */
    public static final Node copyOnly = n("copyOnly");

    private Tm() {
    }

    private static Node n(String local) {
        Node term = NodeFactory.createURI(NS + local);
        TERMS.put(term.getURI(), term);
        return term;
    }

    /**
     * This class's own node for {@code iri}, or null when {@code iri} is not a term of the vocabulary. A reader that
     * keeps the vocabulary's nodes instead of equal ones of its own lets later comparisons with them end at the
     * first check ({@code this == other}) instead of comparing the IRIs' characters.
     */
    public static Node term(String iri) {
        return TERMS.get(iri);
    }
}
