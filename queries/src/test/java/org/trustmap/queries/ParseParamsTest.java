package org.trustmap.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParseParamsTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "n=42                      | Long    | 42",
            "n=-7                      | Long    | -7",
            "n=0                       | Long    | 0",
            "n=007                     | String  | 007",
            "n=99999999999999999999    | String  | 99999999999999999999",
            "n=1.5                     | Double  | 1.5",
            "n=-2.0e3                  | Double  | -2000.0",
            "n=true                    | Boolean | true",
            "n=FALSE                   | Boolean | false",
            "n=CN                      | String  | CN",
            "n=\"42\"                  | String  | 42",
            "n='true'                  | String  | true",
            "n=5493001KJTIIGC8Y1R12    | String  | 5493001KJTIIGC8Y1R12",
            "n=https://a.example/?x=1  | String  | https://a.example/?x=1",
            "n=1.                      | String  | 1.",
    })
    void convertsNumbersAndBooleansAndKeepsTheRestAsStrings(String arg, String type, String expected) {
        Object value = QueryRunner.parseParams(List.of(arg)).get("n");
        assertThat(value.getClass().getSimpleName()).isEqualTo(type);
        assertThat(String.valueOf(value)).isEqualTo(expected);
    }

    @Test
    void anEmptyValueIsAnEmptyString() {
        assertThat(QueryRunner.parseParams(List.of("code="))).containsEntry("code", "");
    }

    @Test
    void keepsTheOrderGiven() {
        assertThat(QueryRunner.parseParams(List.of("b=1", "a=x")).keySet()).containsExactly("b", "a");
    }

    @Test
    void aParameterWithoutEqualsSignIsRefusedByName() {
        assertThatThrownBy(() -> QueryRunner.parseParams(List.of("org=CETC", "product")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'product'")
                .hasMessageContaining("key=value");
    }

    @Test
    void anEmptyNameOrARepeatedNameIsRefused() {
        assertThatThrownBy(() -> QueryRunner.parseParams(List.of("=5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'=5'");
        assertThatThrownBy(() -> QueryRunner.parseParams(List.of("a=1", "a=2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' is given twice");
    }

    @Test
    void noArgumentsIsNoParameters() {
        assertThat(QueryRunner.parseParams(List.of())).isEqualTo(Map.of());
        assertThat(QueryRunner.parseParams(null)).isEmpty();
    }
}
