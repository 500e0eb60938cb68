package org.trustmap.crawler.sources.csl;

import java.util.List;

/**
 * One CSL record as the JSON API and the CSV download both give it.
 *
 * @param location   {@code record N} / {@code line N}
 * @param id         the CSL {@code id} / {@code _id}
 * @param source     the list, e.g. "Entity List (EL) - Bureau of Industry and Security"
 * @param type       {@code Entity}, {@code Individual}, {@code Vessel} or empty (BIS lists give none)
 * @param name       the listed name
 * @param altNames   other names
 * @param countries  ISO codes of the addresses, in order (blank where an address has none)
 * @param startDate  {@code start_date} as written
 * @param listUrl    {@code source_list_url}
 * @param infoUrl    {@code source_information_url}
 */
record CslEntry(String location, String id, String source, String type, String name, List<String> altNames,
                List<String> countries, String startDate, String listUrl, String infoUrl) {
    CslEntry {
        altNames = List.copyOf(altNames);
        countries = List.copyOf(countries);
    }
}
