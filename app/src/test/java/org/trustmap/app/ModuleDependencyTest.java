package org.trustmap.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: app -> queries, app -> graph-loader -> crawler; only app knows Spring. */
class ModuleDependencyTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.trustmap");
    }

    @Test
    void crawlerNeverImportsNeo4jOrTheOtherModules() {
        noClasses().that().resideInAPackage("org.trustmap.crawler..")
                .should().dependOnClassesThat().resideInAnyPackage("org.neo4j..", "org.trustmap.graph..",
                        "org.trustmap.queries..", "org.trustmap.app..", "org.springframework..")
                .check(classes);
    }

    @Test
    void queriesNeverImportTheCrawlerOrTheLoader() {
        noClasses().that().resideInAPackage("org.trustmap.queries..")
                .should().dependOnClassesThat().resideInAnyPackage("org.trustmap.crawler..", "org.trustmap.graph..",
                        "org.trustmap.app..", "org.apache.jena..", "org.springframework..")
                .check(classes);
    }

    @Test
    void graphLoaderNeverImportsQueriesTheAppOrSpring() {
        noClasses().that().resideInAPackage("org.trustmap.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("org.trustmap.queries..", "org.trustmap.app..",
                        "org.springframework..")
                .check(classes);
    }
}
