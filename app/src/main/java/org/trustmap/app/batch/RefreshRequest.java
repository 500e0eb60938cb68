package org.trustmap.app.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one {@code refresh} was asked to do; stored (as JSON) as the identifying job parameter, so that a restart
 * after a crash resumes the same request.
 *
 * @param inputs     local files per source ({@code --input SOURCE=PATH}, {@code --inventory FILE})
 * @param replay     a WARC file or folder to read instead of the network, or null
 * @param profile    profile name
 * @param sourceUrls base URL overrides per source ({@code --source-url ID=URL})
 * @param allowPrivateNetwork let fetches reach private/loopback mirrors (never link-local or cloud metadata)
 */
public record RefreshRequest(List<Input> inputs, String replay, String profile, Map<String, String> sourceUrls,
                             boolean allowPrivateNetwork) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RefreshRequest {
        inputs = List.copyOf(inputs);
        sourceUrls = Map.copyOf(sourceUrls);
    }

    /** A local file (or folder of files) given for a source. */
    public record Input(String source, String path) {
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RefreshRequest fromJson(String json) {
        try {
            return JSON.readValue(json, RefreshRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
