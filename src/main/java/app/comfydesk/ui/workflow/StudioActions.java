package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.Icons;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.feather.Feather;

/**
 * The studio's commands in one table, from which the ☰ app menu's studio section and the workflow menu's first
 * items are made, so a title, icon or key is written once.
 *
 * <p>Each shortcut is registered once, as the accelerator of its app-menu item. The app menu is the toolbar's
 * MenuButton that {@code MainWindow} puts in the root, so it is in the tree of whichever scene shows the window;
 * its skin registers its items' accelerators in that scene (and follows scene and item changes), the menu shows
 * the keys, and the Help dialog's {@code ShortcutTable.of(appMenu)} lists them: one registration for all three,
 * as the Help menu's own Ctrl+/ already works. The workflow menu's copies carry no accelerator: that menu is
 * refilled every time it opens, and each refill would register Ctrl+O again.
 */
public final class StudioActions {

    private final StudioAction open;
    private final StudioAction reload;
    private final StudioAction loadSchemas;
    private final StudioAction filter;
    private final StudioAction generate;
    private final StudioAction showRequest;

    /**
     * @param noDocument true while no workflow is shown (Reload is disabled then)
     */
    StudioActions(Runnable chooseAndOpen, Runnable reload, Runnable chooseSchemas, Runnable focusFilter,
            Runnable generate, Runnable toggleRequest, ObservableBooleanValue noDocument) {
        open = new StudioAction("openWorkflow", "Open workflow…", Feather.FOLDER,
                new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), chooseAndOpen, null);
        this.reload = new StudioAction("reloadWorkflow", "Reload workflow", Feather.REFRESH_CW,
                new KeyCodeCombination(KeyCode.F5), reload, noDocument);
        loadSchemas = new StudioAction("loadObjectInfo", "Load object_info.json…", Feather.DATABASE, null,
                chooseSchemas, null);
        filter = new StudioAction("filterInputs", "Filter nodes and inputs", Feather.SEARCH,
                new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), focusFilter, null);
        this.generate = new StudioAction("generate", "Generate", Feather.PLAY,
                new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), generate, null);
        showRequest = new StudioAction("showRequest", "Show request", Feather.CODE,
                new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), toggleRequest, null);
    }

    /** Every command, in app-menu order. */
    public List<StudioAction> all() {
        return List.of(open, reload, loadSchemas, filter, generate, showRequest);
    }

    /** The studio's section at the top of the app menu, accelerators included (the one place keys register). */
    List<MenuItem> appMenuItems() {
        return List.of(menuItem(open, true), menuItem(reload, true), menuItem(loadSchemas, true),
                new SeparatorMenuItem(), menuItem(filter, true), menuItem(generate, true),
                menuItem(showRequest, true), new SeparatorMenuItem());
    }

    /** The workflow menu's first items, made anew each time it opens; their keys are shown in the app menu. */
    List<MenuItem> workflowMenuItems() {
        List<MenuItem> items = new ArrayList<>();
        items.add(menuItem(open, false));
        items.add(menuItem(loadSchemas, false));
        return items;
    }

    private static MenuItem menuItem(StudioAction action, boolean withKeys) {
        // Literal like every file and preset name: "object_info" must not lose its underscore to a mnemonic.
        MenuItem item = WorkflowStudio.literal(new MenuItem(action.title(), Icons.of(action.icon(), Icons.SMALL)));
        item.setId(action.id() + "MenuItem");
        if (withKeys) {
            item.setAccelerator(action.keys());
        }
        item.setOnAction(event -> action.handler().run());
        if (action.disabled() != null) {
            item.disableProperty().bind(action.disabled());
        }
        return item;
    }
}
