package org.trustmap.crawler.sources.ieeeoui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real addresses from the registry file and the country code each one gives. */
class OuiAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "No.555 Qianmo Road Hangzhou Zhejiang CN 310052                 | CN",
            "800 Macarthur Blvd. Mahwah NJ US 07430                          | US",
            "80 West Tasman Drive San Jose CA US 94568                       | US",
            "Molenweer 4 Wateringen Zuid Holland NL 2291 NR                  | NL",
            "Molensteijn 60 De Meern  NL NL-3454 PT                          | NL",
            "3COM CENTRE vvvvv UNITED GB KINGDOM                             | GB",
            "9F, No. 129, Hsing Te Rd, 241 TAIWAN 241 TAIWAN TW R.O.C.      | TW",
            "AM SPOERKEL 100   DE                                            | DE",
            "RUE DE L'AERONEF 2   BE                                         | BE",
            "Studiegangen 3 Ostersund Jamtland SE SE - 831 40                | SE",
            "2455 Augustine Drive Santa Clara California  95054              | -",
            "7280 RIVER ROAD CANADA V6X  1X5                                 | -",
            "'     '                                                         | -"})
    void countryCodeOfARegistryAddress(String address, String country) {
        assertThat(OuiAddress.country(address).orElse(null)).isEqualTo(country);
    }
}
