package org.trustmap.queries;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * A small graph constructed for these tests, in the loader's model. Organization names and evidence sites are real
 * public ones; product ids, operators, dates, counts and record ids are made up.
 *
 * <pre>
 * cam-1  DS-2CD2143G2-I  -MADE_BY-> Hikvision -CONTROLLED_BY(41.88)-> CETC Investment -CONTROLLED_BY(100)-> CETC -BASED_IN-> CN
 *                        -SENDS_DATA_TO-> Hik-Connect "EU" Cloud \ HK -BASED_IN-> HK
 *   finding (run-2): EXPOSED, MAKER to CN and DATA_TRANSFER to HK
 * plug-1 Smart Plug      -MADE_BY-> Technaxx (DE, no parent: NATURAL_PERSONS)     finding (run-2): NOT_FOUND
 * inv-1  SG10RT          -MADE_BY-> ? (no maker on record)                         finding (run-1): NOT_FOUND, old profile
 *                                                                                  finding (run-2): UNDETERMINED, gaps
 * router-1 Archer AX21   no finding at all
 *
 * Nemocnice Example (healthcare)            deploys cam-1 x12
 * Energo Example (energy)                   deploys cam-1 x3, inv-1 x40, plug-1 x100
 * Město Example (public administration)     deploys router-1 (no count)
 * </pre>
 */
final class TestGraph {
    static final String PROFILE = "nukib-2025-09-03";
    static final String HASH = "sha256:5f2a";
    static final String CLOUD = "Hik-Connect \"EU\" Cloud \\ HK";
    static final String OUI = "https://standards-oui.ieee.org/oui/oui.csv";
    static final String MILCORPS = "https://www.opensanctions.org/datasets/us_dod_chinese_milcorps/";
    static final String GLEIF = "https://www.gleif.org/en/lei-data/gleif-golden-copy";
    static final String POLICY = "https://www.hik-connect.com/views/terms/privacy.html";

    private TestGraph() {
    }

    static void write(Driver driver) {
        try (Session s = driver.session()) {
            s.run("""
                    CREATE (hik:Organization {id: 'org-hik', name: 'Hangzhou Hikvision Digital Technology Co.,Ltd.',
                            lei: '300300CS4E8FYOQ1JY41', hqCountry: 'CN', names: ['Hikvision', '海康威视']})
                    CREATE (inv:Organization {id: 'org-cetc-inv', name: 'CETC Investment Holdings Co., Ltd.'})
                    CREATE (cetc:Organization {id: 'org-cetc', name: 'China Electronics Technology Group Corporation',
                            names: ['CETC']})
                    CREATE (cloud:Organization {id: 'org-cloud', name: $cloud})
                    CREATE (tx:Organization {id: 'org-technaxx', name: 'Technaxx Deutschland GmbH & Co. KG'})
                    CREATE (cn:Jurisdiction {code: 'CN'}), (hk:Jurisdiction {code: 'HK'}), (de:Jurisdiction {code: 'DE'})
                    CREATE (hik)-[:CONTROLLED_BY {kind: 'direct', share: 41.88, source: 'opensanctions-1260h',
                            evidence: $milcorps, date: '2025-01-07', recordId: 'urn:uuid:rec-hik-inv'}]->(inv)
                    CREATE (inv)-[:CONTROLLED_BY {kind: 'ultimate', share: 100.0, source: 'gleif-rr',
                            evidence: $gleif, date: '2025-10-01', recordId: 'urn:uuid:rec-inv-cetc'}]->(cetc)
                    CREATE (hik)-[:BASED_IN {basis: 'legalJurisdiction', source: 'gleif', evidence: $gleif,
                            date: '2025-10-01', recordId: 'urn:uuid:rec-hik-cn'}]->(cn)
                    CREATE (cetc)-[:BASED_IN {basis: 'hq', source: 'gleif', evidence: $gleif, date: '2025-10-01',
                            recordId: 'urn:uuid:rec-cetc-cn'}]->(cn)
                    CREATE (cloud)-[:BASED_IN {basis: 'legalAddress', source: 'vendor-page', evidence: $policy,
                            date: '2018-05-25', recordId: 'urn:uuid:rec-cloud-hk'}]->(hk)
                    CREATE (tx)-[:BASED_IN {basis: 'legalJurisdiction', source: 'gleif', evidence: $gleif,
                            date: null, recordId: 'urn:uuid:rec-tx-de'}]->(de)
                    CREATE (cam:Product {id: 'cam-1', name: 'DS-2CD2143G2-I', vendor: 'Hikvision'})
                    CREATE (plug:Product {id: 'plug-1', name: 'Smart Plug', vendor: 'Technaxx'})
                    CREATE (pv:Product {id: 'inv-1', name: 'SG10RT', vendor: 'Sungrow'})
                    CREATE (router:Product {id: 'router-1', name: 'Archer AX21', vendor: 'TP-Link'})
                    CREATE (cam)-[:MADE_BY {source: 'ieee-oui', evidence: $oui, date: '2025-10-01',
                            recordId: 'urn:uuid:rec-cam-hik'}]->(hik)
                    CREATE (cam)-[:SENDS_DATA_TO {source: 'vendor-page', evidence: $policy, date: '2018-05-25',
                            recordId: 'urn:uuid:rec-cam-cloud'}]->(cloud)
                    CREATE (plug)-[:MADE_BY {source: 'vendor-page', evidence: 'https://www.technaxx.de/',
                            date: '2021-03-01', recordId: 'urn:uuid:rec-plug-tx'}]->(tx)
                    CREATE (h:Operator {name: 'Nemocnice Example'}), (e:Operator {name: 'Energo Example'}),
                           (m:Operator {name: 'Město Example'})
                    CREATE (h)-[:DEPLOYS {sector: 'healthcare', count: 12, source: 'inventory'}]->(cam)
                    CREATE (e)-[:DEPLOYS {sector: 'energy', count: 3, source: 'inventory'}]->(cam)
                    CREATE (e)-[:DEPLOYS {sector: 'energy', count: 40, source: 'inventory'}]->(pv)
                    CREATE (e)-[:DEPLOYS {sector: 'energy', count: 100, source: 'inventory'}]->(plug)
                    CREATE (m)-[:DEPLOYS {sector: 'public administration', source: 'inventory'}]->(router)
                    CREATE (:Run {id: 'run-1', startedAt: '2026-01-01T02:00:00Z', status: 'COMPLETED',
                            profile: 'nukib-2024-draft', profileHash: 'sha256:0000'})
                    CREATE (:Run {id: 'run-2', startedAt: '2026-02-01T02:00:00Z', status: 'COMPLETED',
                            profile: $profile, profileHash: $hash})
                    """, Map.of("cloud", CLOUD, "milcorps", MILCORPS, "gleif", GLEIF, "policy", POLICY, "oui", OUI,
                    "profile", PROFILE, "hash", HASH)).consume();
            finding(s, "cam-1", "EXPOSED", PROFILE, HASH, "run-2", List.of(
                    finding("MAKER", "CN",
                            hop("DS-2CD2143G2-I", "MADE_BY", "Hangzhou Hikvision Digital Technology Co.,Ltd.",
                                    "ieee-oui", OUI, "2025-10-01", "urn:uuid:rec-cam-hik"),
                            hop("Hangzhou Hikvision Digital Technology Co.,Ltd.", "CONTROLLED_BY",
                                    "CETC Investment Holdings Co., Ltd.", "opensanctions-1260h", MILCORPS,
                                    "2025-01-07", "urn:uuid:rec-hik-inv"),
                            hop("CETC Investment Holdings Co., Ltd.", "CONTROLLED_BY",
                                    "China Electronics Technology Group Corporation", "gleif-rr", GLEIF,
                                    "2025-10-01", "urn:uuid:rec-inv-cetc"),
                            hop("China Electronics Technology Group Corporation", "BASED_IN", "CN", "gleif", GLEIF,
                                    "2025-10-01", "urn:uuid:rec-cetc-cn")),
                    finding("DATA_TRANSFER", "HK",
                            hop("DS-2CD2143G2-I", "SENDS_DATA_TO", CLOUD, "vendor-page", POLICY, "2018-05-25",
                                    "urn:uuid:rec-cam-cloud"),
                            hop(CLOUD, "BASED_IN", "HK", "vendor-page", POLICY, null, null))), List.of());
            finding(s, "plug-1", "NOT_FOUND", PROFILE, HASH, "run-2", List.of(), List.of());
            finding(s, "inv-1", "NOT_FOUND", "nukib-2024-draft", "sha256:0000", "run-1", List.of(), List.of());
            finding(s, "inv-1", "UNDETERMINED", PROFILE, HASH, "run-2", List.of(),
                    List.of("maker unknown", "no MAC OUI on record"));
        }
    }

    private static Map<String, Object> hop(String from, String relation, String to, String source, String evidence,
                                           String date, String recordId) {
        Map<String, Object> hop = new LinkedHashMap<>(); // key order as the deriver's Hop record writes them
        hop.put("from", from);
        hop.put("relation", relation);
        hop.put("to", to);
        hop.put("source", source);
        hop.put("evidence", evidence);
        hop.put("date", date);
        hop.put("recordId", recordId);
        return hop;
    }

    @SafeVarargs
    private static Map<String, Object> finding(String route, String jurisdiction, Map<String, Object>... path) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("route", route);
        f.put("jurisdiction", jurisdiction);
        f.put("path", List.of(path));
        return f;
    }

    private static void finding(Session s, String productId, String verdict, String profile, String hash,
                                String runId, List<Map<String, Object>> findings, List<String> gaps) {
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(findings); // compact, as the deriver writes it
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        s.run("""
                MATCH (p:Product {id: $productId})
                CREATE (f:ExposureFinding {id: $productId + '|' + $profile, productId: $productId, verdict: $verdict,
                        profile: $profile, profileHash: $hash, runId: $runId, findings: $findings, gaps: $gaps})
                CREATE (f)-[:FOR]->(p)
                """, Map.of("productId", productId, "verdict", verdict, "profile", profile, "hash", hash,
                "runId", runId, "findings", json, "gaps", gaps)).consume();
    }
}
