package org.trustmap.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputFormatTest {

    @ParameterizedTest
    @CsvSource({"table, TABLE", "TABLE, TABLE", "Json, JSON", "' csv ', CSV"})
    void parsesInAnyCase(String name, OutputFormat expected) {
        assertThat(OutputFormat.parse(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"html", "''", "xml"})
    void anUnknownFormatNamesTheAllowedOnes(String name) {
        assertThatThrownBy(() -> OutputFormat.parse(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown format '" + name + "'; allowed: table, json, csv");
    }
}
