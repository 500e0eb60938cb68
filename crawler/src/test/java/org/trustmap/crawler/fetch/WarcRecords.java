package org.trustmap.crawler.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTargetRecord;

/** What is in the WARC files of an archive folder, read back with jwarc. */
record WarcRecords(List<Row> rows) {
    record Row(String type, String target, int status, String truncated, String source) {
    }

    static WarcRecords in(Path dir) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().contains(".warc")).sorted().toList();
        }
        for (Path f : files) {
            try (WarcReader reader = new WarcReader(f)) {
                for (WarcRecord r : reader) {
                    int status = 0;
                    if (r instanceof WarcResponse resp) {
                        status = resp.http().status();
                    } else if (r instanceof WarcRevisit rev) {
                        status = rev.http().status();
                    }
                    String target = r instanceof WarcTargetRecord t ? t.target() : "";
                    rows.add(new Row(r.type(), target, status,
                            r.headers().first("WARC-Truncated").orElse(""),
                            r.headers().first("Trustmap-Source").orElse("")));
                }
            }
        }
        return new WarcRecords(rows);
    }

    List<Row> of(String type, String target) {
        return rows.stream().filter(r -> r.type().equals(type) && r.target().equals(target)).toList();
    }
}
