package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.ShortcutTable;
import app.comfydesk.ui.workflow.StudioAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The studio's commands come from one table: each key is an app-menu accelerator once, and the Help lists it. */
@ExtendWith(ApplicationExtension.class)
class StudioShortcutsTest {

    private StudioFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new StudioFixture(stage);
    }

    @Test
    void eachStudioShortcutIsOneAppMenuAcceleratorAndTheSceneHasIt(FxRobot robot) {
        StudioWindow studio = fixture.studio;
        List<StudioAction> actions = studio.studio().actions().all();
        List<KeyCombination> keys = actions.stream().map(StudioAction::keys).filter(Objects::nonNull).toList();
        assertThat(keys).hasSize(5).doesNotHaveDuplicates();

        List<MenuItem> appItems = studio.window().appMenu().getItems();
        for (KeyCombination key : keys) {
            assertThat(appItems).filteredOn(item -> key.equals(item.getAccelerator())).hasSize(1);
        }
        MenuButton workflow = robot.lookup("#workflowName").queryAs(MenuButton.class);
        robot.interact(workflow::show);
        List<MenuItem> workflowItems = new ArrayList<>(workflow.getItems());
        robot.interact(workflow::hide);
        assertThat(workflowItems).extracting(MenuItem::getText).contains("Open workflow…", "Load object_info.json…");
        assertThat(workflowItems).allMatch(item -> item.getAccelerator() == null);

        Scene scene = studio.window().root().getScene();
        assertThat(scene.getAccelerators()).containsKeys(keys.toArray(KeyCombination[]::new));
        ShortcutTable table = ShortcutTable.of(studio.window().appMenu());
        assertThat(table.entries()).extracting(ShortcutTable.Entry::action)
                .contains("Open workflow", "Reload workflow", "Filter nodes and inputs", "Generate", "Show request");
        assertThat(table.conflicts()).isEmpty();
    }
}
