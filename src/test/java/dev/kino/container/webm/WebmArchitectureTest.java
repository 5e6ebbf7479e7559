package dev.kino.container.webm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The WebM parser is pure: it depends on the JDK and the container contract only, and exposes only the parser. */
class WebmArchitectureTest {
    private static final JavaClasses WEBM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.kino.container.webm");

    @Test
    void dependsOnTheJdkAndTheContainerContractOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.kino.container", "dev.kino.container.webm")
                .check(WEBM);
    }

    @Test
    void onlyTheParserIsPublic() {
        classes().that().arePublic().should().haveSimpleName("WebmParser").check(WEBM);
    }
}
