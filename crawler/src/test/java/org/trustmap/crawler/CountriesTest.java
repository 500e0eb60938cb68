package org.trustmap.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountriesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // uk_psc: identification.country_registered, address.country, identification.legal_authority
            "England & Wales                       | GB",
            "Minnesota, Usa                        | US",
            "England                               | GB",
            "United States                         | US",
            "China                                 | CN",
            "People'S Republic Of China            | CN",
            // csl: address country codes and names (ITA expected results, watchman CSV)
            "HK                                    | HK",
            "CN                                    | CN",
            "RU                                    | RU",
            "Afghanistan                           | AF",
            "Turkey                                | TR",
            // bods: jurisdiction name and code
            "Finland                               | FI",
            "FI                                    | FI",
            // opensanctions FollowTheMoney: lower-case codes
            "ru                                    | RU",
            "gb                                    | GB",
            "ch                                    | CH",
            "mc                                    | MC",
            // fcc_eas: applicant country
            "Malaysia                              | MY",
            // ISO alpha-3
            "CHN                                   | CN",
            "HKG                                   | HK",
            "usa                                   | US",
            // subdivisions as GLEIF and FollowTheMoney write them
            "US-DE                                 | US",
            "cn-44                                 | CN"})
    void fixtureValuesNormalizeToIsoCodes(String text, String code) {
        assertThat(Countries.code(text)).contains(code);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "PRC                                   | CN",
            "P.R.C.                                | CN",
            "P.R. China                            | CN",
            "People's Republic of China            | CN",
            "Peoples Republic of China             | CN",
            "People’s Republic of China            | CN",
            "China (Mainland)                      | CN",
            "Mainland China                        | CN",
            "China, People's Republic of           | CN",
            "Hong Kong                             | HK",
            "Hong Kong SAR                         | HK",
            "Hong Kong S.A.R.                      | HK",
            "Hongkong                              | HK",
            "'Hong Kong, China'                    | HK",
            "'Kowloon, Hong Kong'                  | HK",
            "Macao                                 | MO",
            "Macau                                 | MO",
            "Macau SAR                             | MO",
            "'Macao, China'                        | MO",
            "Taiwan                                | TW",
            "'Taiwan, Province of China'           | TW",
            "Republic of China                     | TW",
            "'Delaware, USA'                       | US",
            "'Beijing, China'                      | CN",
            "Wales                                 | GB",
            "Scotland                              | GB",
            "Northern Ireland                      | GB",
            "United Kingdom (England)              | GB",
            "UK                                    | GB",
            "U.S.A.                                | US",
            "United States of America              | US",
            "British Virgin Islands                | VG",
            "Cayman Islands                        | KY",
            "'Korea, Republic of'                  | KR",
            "Russian Federation                    | RU",
            "Czech Republic                        | CZ",
            "Czechia                               | CZ",
            "Viet Nam                              | VN",
            "The Netherlands                       | NL",
            "中国                                   | CN",
            "中华人民共和国                          | CN",
            "香港                                   | HK",
            "中国香港                                | HK",
            "澳门                                   | MO",
            "澳門                                   | MO",
            "台湾                                   | TW",
            "ＣＮ                                   | CN",
            "Ｈｏｎｇ Ｋｏｎｇ                        | HK"})
    void variantsMisspellingsAndChineseNamesNormalize(String text, String code) {
        assertThat(Countries.code(text)).contains(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "eu", "zz", "suhh", "Unknown", "Korea", "Europe", "ZZZ", "GB-COH 01234567"})
    void textNamingNoSingleCountryGivesNothing(String text) {
        assertThat(Countries.code(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void nullGivesNothing() {
        assertThat(Countries.code(null)).isEmpty();
    }
}
