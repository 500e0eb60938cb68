package org.trustmap.app;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by the job's steps. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TrustmapProperties.class, org.trustmap.app.batch.LoadProperties.class,
        org.trustmap.app.batch.StageProperties.class})
public class TrustmapConfiguration {
    @Bean(destroyMethod = "close")
    Workspace workspace(TrustmapProperties properties) {
        return Workspace.of(properties);
    }
}
