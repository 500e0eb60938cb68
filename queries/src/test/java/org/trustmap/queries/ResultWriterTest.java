package org.trustmap.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ResultWriterTest {

    private static QueryResult twoOrganizations() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("Hangzhou Hikvision Digital Technology Co.,Ltd.", 2L, List.of("CN")));
        rows.add(row("Technaxx \"Deutschland\" GmbH & Co. KG\nBerlin", 10L, null));
        return new QueryResult(List.of("name", "products", "based_in"), rows);
    }

    private static Map<String, Object> row(String name, Long products, List<String> basedIn) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("products", products);
        row.put("based_in", basedIn);
        return row;
    }

    private static String write(QueryResult result, OutputFormat format) {
        StringBuilder out = new StringBuilder();
        ResultWriter.write(result, format, out);
        return out.toString();
    }

    @Test
    void tableHasAHeaderASeparatorAlignedColumnsAndARowCount() {
        String table = write(twoOrganizations(), OutputFormat.TABLE);
        assertThat(table).isEqualTo("""
                name                                           | products | based_in
                -----------------------------------------------+----------+---------
                Hangzhou Hikvision Digital Technology Co.,Ltd. |        2 | ["CN"]
                Technaxx "Deutschland" GmbH & Co. KG Berlin    |       10 |
                (2 rows)
                """);
    }

    @Test
    void tableCutsLongCellsAtSixtyCharacters() {
        String longName = "China Electronics Technology Group Corporation 38th Research Institute";
        QueryResult result = new QueryResult(List.of("name"), List.of(Map.of("name", longName)));
        String table = write(result, OutputFormat.TABLE);
        String cell = table.lines().toList().get(2);
        assertThat(cell).hasSize(60).endsWith("…").startsWith("China Electronics Technology Group Corporation 38th");
        assertThat(table).endsWith("(1 row)\n");
    }

    @Test
    void tableOfNoRowsStillHasItsHeader() {
        String table = write(new QueryResult(List.of("a", "bb"), List.of()), OutputFormat.TABLE);
        assertThat(table).isEqualTo("a | bb\n--+---\n(0 rows)\n");
    }

    @Test
    void jsonIsAnArrayOfObjectsWithKeysInColumnOrder() throws Exception {
        String json = write(twoOrganizations(), OutputFormat.JSON);
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.isArray()).isTrue();
        assertThat(root).hasSize(2);
        List<String> keys = new ArrayList<>();
        root.get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("name", "products", "based_in");
        assertThat(root.get(0).get("products").asLong()).isEqualTo(2);
        assertThat(root.get(0).get("based_in").get(0).asText()).isEqualTo("CN");
        assertThat(root.get(1).get("based_in").isNull()).isTrue();
        assertThat(json).startsWith("[\n  {\n    \"name\" : "); // pretty-printed, one object per line
    }

    @Test
    void csvIsRfc4180WithAHeaderQuotingWhereNeeded() throws Exception {
        String csv = write(twoOrganizations(), OutputFormat.CSV);
        assertThat(csv).startsWith("name,products,based_in\r\n")
                .contains("\"Hangzhou Hikvision Digital Technology Co.,Ltd.\",2,\"[\"\"CN\"\"]\"\r\n");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).get("name")).isEqualTo("Technaxx \"Deutschland\" GmbH & Co. KG\nBerlin");
        assertThat(records.get(1).get("based_in")).isEmpty();
    }
}
