package dev.kino;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules of STYLE.md: services never know HTTP, the store knows no service, config knows nothing. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.kino");

    @Test
    void servicesNeverDependOnHttpOrVertxWeb() {
        noClasses().that().resideInAnyPackage("dev.kino.auth..", "dev.kino.library..", "dev.kino.store..", "dev.kino.config..",
                        "dev.kino.transcode..", "dev.kino.torrent..")
                .and().resideOutsideOfPackage("dev.kino..web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kino.http..", "io.vertx..", "dev.kino.cli..", "dev.kino.app..")
                .check(MAIN);
    }

    /** Each capability's web face is mounted by the app; no service, and not the shared HTTP layer, reaches into one. */
    @Test
    void onlyTheAppAndOtherWebFacesUseAWebFace() {
        noClasses().that().resideOutsideOfPackages("dev.kino.app..", "dev.kino..web..")
                .should().dependOnClassesThat().resideInAPackage("dev.kino..web..")
                .check(MAIN);
    }

    /**
     * The shared HTTP layer names no capability: it is handed {@code WebModule}s. Only its failure path
     * ({@code ErrorMapper}) knows the services' exceptions, to turn them into statuses.
     */
    @Test
    void theSharedHttpLayerKnowsNoCapability() {
        noClasses().that().resideInAPackage("dev.kino.http..")
                .should().dependOnClassesThat().resideInAPackage("dev.kino..web..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.kino.http..").and().doNotHaveSimpleName("ErrorMapper").and().doNotHaveFullyQualifiedName("dev.kino.http.ErrorMapper$1")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kino.live..", "dev.kino.torrent..",
                        "dev.kino.library..", "dev.kino.transcode..")
                .check(MAIN);
    }

    /** No package reaches back up: the import graph between packages has no cycle. */
    @Test
    void packagesHaveNoCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("dev.kino.(**)")
                .should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void containerParsersArePure() {
        noClasses().that().resideInAPackage("dev.kino.container..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.kino.container..", "java..")
                .check(MAIN);
    }

    @Test
    void theLiveHubKnowsOnlyContainersAndConfig() {
        noClasses().that().resideInAPackage("dev.kino.live.hub..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.kino.live.hub..", "dev.kino.container..",
                        "dev.kino.config..", "java..")
                .check(MAIN);
    }

    /** Publishers and readers meet only in the hub: no ingest knows an output, no output an ingest. */
    @Test
    void ingestsAndOutputsMeetOnlyInTheHub() {
        noClasses().that().resideInAPackage("dev.kino.live.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kino.live.output..", "dev.kino.live.web..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.kino.live.output..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kino.live.ingest..", "dev.kino.live.web..")
                .check(MAIN);
    }

    /**
     * The HLS rung reads one stream and publishes another, with ffmpeg between: it sees the hub, the ingest side's
     * parser-to-hub step and the transcode service, never HTTP, Vert.x or an output; and of the live packages only
     * the rung runs ffmpeg, so the hub, the ingests and the outputs stay free of processes.
     */
    @Test
    void onlyTheLiveRungRunsFfmpegAndItKnowsNoWeb() {
        noClasses().that().resideInAPackage("dev.kino.live.rung..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kino.live.output..", "dev.kino..web..",
                        "dev.kino.http..", "io.vertx..", "dev.kino.app..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.kino.live.hub..", "dev.kino.live.ingest..", "dev.kino.live.output..")
                .should().dependOnClassesThat().resideInAPackage("dev.kino.transcode..")
                .check(MAIN);
    }

    @Test
    void configDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.kino.config..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kino.auth..", "dev.kino.library..", "dev.kino.store..")
                .check(MAIN);
    }

    @Test
    void storeKnowsNoService() {
        noClasses().that().resideInAPackage("dev.kino.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kino.auth..", "dev.kino.library..", "dev.kino.torrent..")
                .check(MAIN);
    }

    @Test
    void onlyTheAppAndTheCommandLineWireThingsTogether() {
        noClasses().that().resideOutsideOfPackages("dev.kino", "dev.kino.app..", "dev.kino.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kino.app..", "dev.kino.cli..")
                .check(MAIN);
    }
}
