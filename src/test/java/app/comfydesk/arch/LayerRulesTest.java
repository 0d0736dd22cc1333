package app.comfydesk.arch;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import javafx.application.Platform;

/** The layer rules; ArchUnit imports the main classes once for all of them ({@code @AnalyzeClasses} caches). */
@AnalyzeClasses(packages = "app.comfydesk", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

    @ArchTest
    void onlyTheUiLayerDependsOnJavaFx(JavaClasses mainClasses) {
        ArchRule rule = noClasses()
                .that().resideOutsideOfPackage("app.comfydesk.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the engine, sandbox and command line must run without a display");
        rule.check(mainClasses);
    }

    @ArchTest
    void engineLayersDoNotDependOnTheUi(JavaClasses mainClasses) {
        ArchRule rule = noClasses()
                .that().resideInAnyPackage("app.comfydesk.workflow..", "app.comfydesk.api..",
                        "app.comfydesk.jobs..", "app.comfydesk.sandbox..", "app.comfydesk.cli..",
                        "app.comfydesk.sheet..")
                .should().dependOnClassesThat().resideInAnyPackage("app.comfydesk.ui..");
        rule.check(mainClasses);
    }

    @ArchTest
    void theApiClientDoesNotKnowTheJobEngine(JavaClasses mainClasses) {
        ArchRule rule = noClasses()
                .that().resideInAPackage("app.comfydesk.api..")
                .should().dependOnClassesThat().resideInAnyPackage("app.comfydesk.jobs..", "app.comfydesk.sandbox..",
                        "app.comfydesk.cli..")
                .because("the client speaks RunComfy's API; the engine builds on it, not the other way round");
        rule.check(mainClasses);
    }

    @ArchTest
    void theAtomicFileWriterStandsAlone(JavaClasses mainClasses) {
        ArchRule others = noClasses()
                .that().resideInAPackage("app.comfydesk.files..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "app.comfydesk.files..")
                .because("every layer writes files through it");
        others.check(mainClasses);
    }

    @ArchTest
    void noCyclesBetweenTheLayers(JavaClasses mainClasses) {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("app.comfydesk.(*)..").should().beFreeOfCycles().check(mainClasses);
    }

    @ArchTest
    void theWorkflowModelStandsAlone(JavaClasses mainClasses) {
        ArchRule rule = noClasses()
                .that().resideInAPackage("app.comfydesk.workflow..")
                .should().dependOnClassesThat().resideInAnyPackage("app.comfydesk.api..", "app.comfydesk.jobs..",
                        "app.comfydesk.sandbox..", "app.comfydesk.cli..", "app.comfydesk.sheet..");
        rule.check(mainClasses);
    }

    @ArchTest
    void contactSheetsBuildOnTheWorkflowModelOnly(JavaClasses mainClasses) {
        ArchRule rule = noClasses()
                .that().resideInAPackage("app.comfydesk.sheet..")
                .should().dependOnClassesThat().resideInAnyPackage("app.comfydesk.api..", "app.comfydesk.jobs..",
                        "app.comfydesk.sandbox..", "app.comfydesk.cli..")
                .because("the UI grid and the command line both export sheets");
        rule.check(mainClasses);
    }

    /**
     * One JSON policy: numbers are never rounded. A plain {@code ObjectMapper} reads 0.1234567890123456789 as a
     * double, so mappers are made only by the exact helpers: {@code workflow.ExactJson} (trees, exact text) and
     * {@code api.ApiJson} (the exact mapper with big decimals, for binding records such as the settings file).
     */
    @ArchTest
    void objectMappersAreMadeOnlyByTheExactJsonHelpers(JavaClasses mainClasses) {
        ArchRule rule = noClasses()
                .that().doNotHaveFullyQualifiedName("app.comfydesk.workflow.ExactJson")
                .and().doNotHaveFullyQualifiedName("app.comfydesk.api.ApiJson")
                .should().callConstructorWhere(target(owner(assignableTo(ObjectMapper.class))))
                .orShould().callMethod(JsonMapper.class, "builder")
                .orShould().callMethod(ObjectMapper.class, "copy")
                .because("ExactJson is the one JSON policy: a plain ObjectMapper rounds decimals");
        rule.check(mainClasses);
    }

    @ArchTest
    void localMediaReadingStandsAlone(JavaClasses mainClasses) {
        // The command line and the studio share it, so it may depend on neither (nor on anything else of ours).
        ArchRule rule = noClasses()
                .that().resideInAPackage("app.comfydesk.media..")
                .should().dependOnClassesThat().resideInAnyPackage("app.comfydesk.workflow..", "app.comfydesk.api..",
                        "app.comfydesk.jobs..", "app.comfydesk.sandbox..", "app.comfydesk.cli..", "app.comfydesk.ui..");
        rule.check(mainClasses);
    }

    /**
     * Worker threads reach the FX thread in one place per feature: {@code Platform.runLater} is called (or passed as
     * {@code Platform::runLater}) only in {@code ui.common}, by {@code FxBatcher} and {@code FxThread}.
     */
    @ArchTest
    void onlyUiCommonSchedulesOnTheFxThread(JavaClasses mainClasses) {
        ArchRule rule = noClasses()
                .that().resideOutsideOfPackage("app.comfydesk.ui.common..")
                .should().accessTargetWhere(DescribedPredicate.describe("Platform.runLater",
                        (JavaAccess<?> access) -> access.getTargetOwner().isEquivalentTo(Platform.class)
                                && access.getName().equals("runLater")))
                .because("hops to the FX thread go through FxBatcher or FxThread, so they can be found and coalesced");
        rule.check(mainClasses);
    }
}
