package org.trustmap.crawler.sources.inventory;

import static org.trustmap.crawler.sources.inventory.BomRecords.text;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.jena.graph.Node;
import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParser;

/**
 * An operator's inventory as an SPDX 2.3 JSON document (2.2 reads the same way).
 * <ul>
 *   <li>The packages the document describes ({@code SPDXRef-DOCUMENT DESCRIBES x}, {@code x DESCRIBED_BY
 *       SPDXRef-DOCUMENT} or {@code documentDescribes}) are the deployed products. Described files are not
 *       products; a document that describes no package is refused.</li>
 *   <li>Packages reached from them through {@code CONTAINS}, {@code DEPENDS_ON}, {@code STATIC_LINK},
 *       {@code DYNAMIC_LINK} (or the inverse {@code CONTAINED_BY}, {@code DEPENDENCY_OF}), transitively, are
 *       components their parent {@code CONTAINS} (the COMPONENT route, as CycloneDX {@code components[]}). A package
 *       reached from none is reported and not staged; a relationship into another SPDX document is reported and not
 *       followed.</li>
 *   <li>A package is {@code MADE_BY} its {@code originator} and its {@code supplier} when they name an
 *       {@code Organization: X (email)}; a {@code Person:} is not an organization, {@code NOASSERTION} names
 *       none. The originator, else the supplier, is the product's vendor.</li>
 *   <li>{@code externalRefs}: the {@code cpe23Type} (else {@code cpe22Type}) locator is the product's CPE; a
 *       {@code purl}'s namespace stands in for a missing vendor in the product id, as CycloneDX's {@code group}
 *       does.</li>
 *   <li>The deployment's operator and sector are lines {@code trustmap:operator=...} and
 *       {@code trustmap:sector=...} in the comment of a document annotation, of {@code creationInfo} or of an
 *       annotation of the described package. Without them the document is staged without a deployment and the gap
 *       is reported.</li>
 * </ul>
 * Evidence is the document itself, dated with {@code creationInfo.created}.
 */
public final class SpdxParser implements SourceParser {
    private static final Set<String> PARENT_TO_CHILD = Set.of("CONTAINS", "DEPENDS_ON", "STATIC_LINK", "DYNAMIC_LINK");
    private static final Set<String> CHILD_TO_PARENT = Set.of("CONTAINED_BY", "DEPENDENCY_OF");
    private static final Pattern ORGANIZATION = Pattern.compile("^Organization\\s*:\\s*(.+)$", Pattern.DOTALL);
    private static final Pattern EMAIL = Pattern.compile("\\s*\\(([^()]*@[^()]*)?\\)\\s*$");
    private static final Pattern SETTING =
            Pattern.compile("^\\s*(trustmap:operator|trustmap:sector)\\s*=\\s*(\\S.*?)\\s*$", Pattern.MULTILINE);

    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        stage(BomRecords.read(body, context), context, sink);
    }

    /** Stages a document already read as JSON (the inventory source reads it once to tell SPDX from CycloneDX). */
    static void stage(JsonNode document, ParseContext context, RecordSink sink) {
        String version = text(document, "spdxVersion");
        if (!version.startsWith("SPDX-2.")) {
            throw BomRecords.unreadable(context, "spdxVersion", "SPDX version '" + version
                    + "' is not read (SPDX-2.2 and SPDX-2.3 JSON are)", null);
        }
        new Document(document, context, sink).stage();
    }

    private record Edge(String child, int relationship) {
    }

    private static final class Document {
        private final JsonNode doc;
        private final ParseContext context;
        private final BomRecords records;
        private final String self;
        private final Map<String, Integer> packages = new LinkedHashMap<>();
        private final Map<String, Node> staged = new HashMap<>();

        Document(JsonNode doc, ParseContext context, RecordSink sink) {
            this.doc = doc;
            this.context = context;
            this.records = new BomRecords(context, sink, text(doc.path("creationInfo"), "created"));
            String id = text(doc, "SPDXID");
            this.self = id.isEmpty() ? "SPDXRef-DOCUMENT" : id;
            int i = 0;
            for (JsonNode p : doc.path("packages")) {
                packages.putIfAbsent(text(p, "SPDXID"), i++);
            }
        }

        void stage() {
            Set<String> described = described();
            if (described.isEmpty()) {
                throw BomRecords.unreadable(context, "relationships", "the document describes no package (no "
                        + self + " DESCRIBES relationship or documentDescribes entry names a package)", null);
            }
            Map<String, List<Edge>> children = children();
            Deque<String> queue = new ArrayDeque<>();
            for (String id : described) {
                Node product = packageRecord(id);
                if (product != null) {
                    JsonNode p = pkg(id);
                    records.deployment(product, setting(p, BomRecords.OPERATOR), setting(p, BomRecords.SECTOR),
                            where(id), "annotations", "annotation");
                    queue.add(id);
                }
            }
            while (!queue.isEmpty()) {
                String parent = queue.poll();
                for (Edge e : children.getOrDefault(parent, List.of())) {
                    String where = "relationships[" + e.relationship() + "]";
                    if (e.child().equals(parent)) {
                        continue;
                    }
                    if (!packages.containsKey(e.child())) {
                        if (e.child().startsWith("DocumentRef-")) {
                            records.reject(where, parent + " -> " + e.child()
                                    + " is an element of another SPDX document: not followed");
                        }
                        continue;
                    }
                    boolean first = !staged.containsKey(e.child());
                    Node child = packageRecord(e.child());
                    if (child != null) {
                        records.contains(staged.get(parent), child, where, where);
                        if (first) {
                            queue.add(e.child());
                        }
                    }
                }
            }
            packages.forEach((id, i) -> {
                if (!staged.containsKey(id)) {
                    records.reject(where(id), "package " + id + " (" + text(pkg(id), "name") + ") is not reached "
                            + "from a described package through CONTAINS, DEPENDS_ON, STATIC_LINK or DYNAMIC_LINK: "
                            + "not staged");
                }
            });
        }

        private Set<String> described() {
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode r : doc.path("relationships")) {
                String type = text(r, "relationshipType");
                if ("DESCRIBES".equals(type) && self.equals(text(r, "spdxElementId"))) {
                    ids.add(text(r, "relatedSpdxElement"));
                } else if ("DESCRIBED_BY".equals(type) && self.equals(text(r, "relatedSpdxElement"))) {
                    ids.add(text(r, "spdxElementId"));
                }
            }
            for (JsonNode d : doc.path("documentDescribes")) {
                ids.add(d.asText().strip());
            }
            ids.retainAll(packages.keySet());
            return ids;
        }

        /** Component relationships as edges from parent to child, in document order. */
        private Map<String, List<Edge>> children() {
            Map<String, List<Edge>> edges = new HashMap<>();
            int i = 0;
            for (JsonNode r : doc.path("relationships")) {
                String type = text(r, "relationshipType");
                String from = text(r, "spdxElementId");
                String to = text(r, "relatedSpdxElement");
                if (PARENT_TO_CHILD.contains(type)) {
                    edges.computeIfAbsent(from, k -> new ArrayList<>()).add(new Edge(to, i));
                } else if (CHILD_TO_PARENT.contains(type)) {
                    edges.computeIfAbsent(to, k -> new ArrayList<>()).add(new Edge(from, i));
                }
                i++;
            }
            return edges;
        }

        /** The product record of a package, staged on first use with its makers; null for a package without name. */
        private Node packageRecord(String id) {
            if (staged.containsKey(id)) {
                return staged.get(id);
            }
            JsonNode p = pkg(id);
            String where = where(id);
            String name = text(p, "name");
            if (name.isEmpty()) {
                records.reject(where, "package " + id + " has no name");
                staged.put(id, null);
                return null;
            }
            String originator = organization(text(p, "originator"));
            String supplier = organization(text(p, "supplier"));
            String key = "package/" + id;
            Node product = records.product(new BomRecords.Entry(originator.isEmpty() ? supplier : originator,
                    purlNamespace(p), name, text(p, "versionInfo"), cpe(p)), where, key);
            records.madeBy(product, originator, where, key + "/originator");
            if (!supplier.equals(originator)) {
                records.madeBy(product, supplier, where, key + "/supplier");
            }
            staged.put(id, product);
            return product;
        }

        private JsonNode pkg(String id) {
            return doc.path("packages").path(packages.get(id));
        }

        private String where(String id) {
            return "packages[" + packages.get(id) + "]";
        }

        /** A trustmap setting from the document's annotations, its creation comment, or the package's annotations. */
        private String setting(JsonNode pkg, String name) {
            List<String> comments = new ArrayList<>();
            doc.path("annotations").forEach(a -> comments.add(text(a, "comment")));
            comments.add(text(doc.path("creationInfo"), "comment"));
            pkg.path("annotations").forEach(a -> comments.add(text(a, "comment")));
            for (String comment : comments) {
                Matcher m = SETTING.matcher(comment);
                while (m.find()) {
                    if (m.group(1).equals(name)) {
                        return m.group(2);
                    }
                }
            }
            return "";
        }
    }

    /** The name of an {@code Organization: name (email)} supplier or originator; empty for a person or NOASSERTION. */
    static String organization(String party) {
        Matcher m = ORGANIZATION.matcher(party);
        return m.matches() ? EMAIL.matcher(m.group(1)).replaceFirst("").strip() : "";
    }

    private static String cpe(JsonNode pkg) {
        for (String type : new String[] {"cpe23Type", "cpe22Type"}) {
            for (JsonNode ref : pkg.path("externalRefs")) {
                if (type.equals(text(ref, "referenceType")) && !text(ref, "referenceLocator").isEmpty()) {
                    return text(ref, "referenceLocator");
                }
            }
        }
        return "";
    }

    /** The namespace of the package's purl ({@code pkg:type/namespace/name@version}), empty when it has none. */
    private static String purlNamespace(JsonNode pkg) {
        for (JsonNode ref : pkg.path("externalRefs")) {
            String purl = text(ref, "referenceLocator");
            if ("purl".equals(text(ref, "referenceType")) && purl.startsWith("pkg:")) {
                String path = purl.substring(4).split("[@?#]", 2)[0];
                String[] parts = path.split("/");
                if (parts.length >= 3) {
                    String namespace = String.join("/", Arrays.copyOfRange(parts, 1, parts.length - 1));
                    return URLDecoder.decode(namespace, StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }
}
