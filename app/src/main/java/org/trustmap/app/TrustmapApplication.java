package org.trustmap.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.trustmap.app.cli.TrustmapCommand;

/** Entry point: the {@code trustmap} command line. Spring Boot starts only for the batch job. */
@SpringBootApplication
public class TrustmapApplication {
    public static void main(String[] args) {
        org.trustmap.app.cli.OutOfHeap.watch();
        System.exit(TrustmapCommand.execute(args));
    }
}
