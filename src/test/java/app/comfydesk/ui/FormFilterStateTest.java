package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.workflow.NodeSectionModel;
import app.comfydesk.ui.workflow.WorkflowFormModel;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16 item 16: filter results start at the top and clearing the filter gives back the sections and the scroll
 * position from before it; a new workflow starts unfiltered, at the top, collapsed as designed.
 */
@ExtendWith(ApplicationExtension.class)
class FormFilterStateTest {

    private static final Path BIG = StudioFixture.corpus()
            .resolve("workflows/api/fofr__cog-comfyui__examples_api_workflows_all_preprocessors.json");
    private StudioFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new StudioFixture(stage);
        fixture.studio.studio().open(BIG);
    }

    private WorkflowFormModel form() {
        return fixture.studio.form();
    }

    private static long open(List<NodeSectionModel> sections) {
        return sections.stream().filter(section -> section.expandedProperty().get()).count();
    }

    private int firstVisible(FxRobot robot) {
        ListView<?> list = robot.lookup(".form-list").queryAs(ListView.class);
        int[] index = {-1};
        robot.interact(() -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
            index[0] = flow.getFirstVisibleCell() == null ? -1 : flow.getFirstVisibleCell().getIndex();
        });
        return index[0];
    }

    @Test
    void filterOpensAtTheTopAndClearingItRestoresSectionsAndScroll(FxRobot robot) {
        List<NodeSectionModel> sections = form().sections();
        assertThat(sections.size()).isGreaterThan(40);
        assertThat(open(sections)).as("a big workflow starts collapsed").isZero();
        ListView<?> list = robot.lookup(".form-list").queryAs(ListView.class);
        robot.interact(() -> {
            sections.get(3).expandedProperty().set(true);
            list.scrollTo(30);
        });
        WaitForAsyncUtils.waitForFxEvents();
        int before = firstVisible(robot);
        assertThat(before).isGreaterThan(10);

        robot.interact(() -> form().filterProperty().set("image"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(open(sections)).as("matching sections open while filtering").isGreaterThan(1);
        assertThat(firstVisible(robot)).as("results start at the top").isZero();

        robot.interact(() -> form().filterProperty().set(""));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(open(sections)).as("only the one opened by hand").isEqualTo(1);
        assertThat(sections.get(3).expandedProperty().get()).isTrue();
        assertThat(firstVisible(robot)).as("back where the form was").isEqualTo(before);
    }

    @Test
    void aNewWorkflowStartsUnfilteredAtTheTopAndCollapsed(FxRobot robot) {
        ListView<?> list = robot.lookup(".form-list").queryAs(ListView.class);
        robot.interact(() -> {
            form().filterProperty().set("image");
            list.scrollTo(20);
        });
        robot.interact(() -> fixture.studio.studio().setDiscardConfirmation(edits -> true));
        robot.interact(() -> fixture.studio.studio().open(StudioFixture.corpus()
                .resolve("workflows/api/fofr__cog-video-morpher__video_workflow_api.json")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(form().filterProperty().get()).isEmpty();
        assertThat(open(form().sections())).as("collapsed as designed").isZero();
        assertThat(firstVisible(robot)).isZero();
    }
}
