package org.trustmap.crawler.sources.opensanctions;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.trustmap.crawler.ParseContext;
import org.trustmap.crawler.RecordSink;
import org.trustmap.crawler.SourceParser;

/**
 * OpenSanctions exports: FollowTheMoney entities as JSON lines ({@code entities.ftm.json} of a dataset) and the
 * Section 1260H CSV that OpenSanctions transcribes from the US DoD lists ({@code sanctions.csv} of
 * {@code us_dod_chinese_milcorps}). The document says which it is: JSON lines start with '{', the CSV with its header.
 * OpenSanctions publishes its data under CC BY-NC 4.0 (non-commercial use; attribution).
 */
public final class OpenSanctionsParser implements SourceParser {
    @Override
    public void parse(InputStream body, ParseContext context, RecordSink sink) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body);
        if (startsWithBrace(in)) {
            new FtmEntitiesParser().parse(in, context, sink);
        } else {
            new Section1260hCsvParser().parse(in, context, sink);
        }
    }

    private static boolean startsWithBrace(BufferedInputStream in) throws IOException {
        in.mark(64);
        try {
            for (int i = 0; i < 64; i++) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                if (b == 0xEF || b == 0xBB || b == 0xBF || Character.isWhitespace(b)) {
                    continue; // BOM, blank lines
                }
                return b == '{' || b == '[';
            }
            return false;
        } finally {
            in.reset();
        }
    }
}
