package app.comfydesk.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

class LayerRulesTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.comfydesk");

    @Test
    void onlyTheUiLayerDependsOnJavaFx() {
        ArchRule rule = noClasses()
                .that().resideOutsideOfPackage("app.comfydesk.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the engine, sandbox and command line must run without a display");
        rule.check(MAIN_CLASSES);
    }

    @Test
    void engineLayersDoNotDependOnTheUi() {
        ArchRule rule = noClasses()
                .that().resideInAnyPackage("app.comfydesk.workflow..", "app.comfydesk.api..",
                        "app.comfydesk.jobs..", "app.comfydesk.sandbox..", "app.comfydesk.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("app.comfydesk.ui..");
        rule.check(MAIN_CLASSES);
    }

    @Test
    void theWorkflowModelStandsAlone() {
        ArchRule rule = noClasses()
                .that().resideInAPackage("app.comfydesk.workflow..")
                .should().dependOnClassesThat().resideInAnyPackage("app.comfydesk.api..", "app.comfydesk.jobs..",
                        "app.comfydesk.sandbox..", "app.comfydesk.cli..");
        rule.check(MAIN_CLASSES);
    }

    @Test
    void localMediaReadingStandsAlone() {
        // The command line and the studio share it, so it may depend on neither (nor on anything else of ours).
        ArchRule rule = noClasses()
                .that().resideInAPackage("app.comfydesk.media..")
                .should().dependOnClassesThat().resideInAnyPackage("app.comfydesk.workflow..", "app.comfydesk.api..",
                        "app.comfydesk.jobs..", "app.comfydesk.sandbox..", "app.comfydesk.cli..", "app.comfydesk.ui..");
        rule.check(MAIN_CLASSES);
    }
}
