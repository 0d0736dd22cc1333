package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.Icons;
import app.comfydesk.workflow.FieldKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.ContextMenuEvent;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Sweep this input…" on an editable input's context menu: the sweep window opens with the input as its next axis.
 * A text editor keeps its cut / copy / paste items (setting a context menu replaces the built-in one), the rest of
 * the row gets a menu of its own. Nothing is added while no sweep action is set (no engine yet).
 */
final class SweepInputMenu {

    static final String ITEM_ID = "sweepInputItem";

    private SweepInputMenu() {
    }

    static void attach(Node row, Node editor, FieldModel field, Supplier<Consumer<FieldModel>> action) {
        if (!field.descriptor().editable() || field.kind() == FieldKind.MEDIA) {
            return;
        }
        // Menus are popup windows with scenes of their own, and a form has one or two per input: each is made on
        // its first request, not with the row (docs/BENCHMARKS.md, "Start-up: workflow shown").
        ContextMenu[] rowMenu = new ContextMenu[1];
        row.setOnContextMenuRequested(event -> {
            if (action.get() != null) {
                if (rowMenu[0] == null) {
                    rowMenu[0] = new ContextMenu(item(field, action));
                }
                rowMenu[0].show(row, event.getScreenX(), event.getScreenY());
                event.consume();
            }
        });
        for (TextInputControl text : textControls(editor)) {
            // A filter runs before the control's own handler, which shows whatever menu the control has by then.
            text.addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, event -> {
                if (text.getContextMenu() == null) {
                    text.setContextMenu(textMenu(text, field, action));
                }
            });
        }
    }

    private static ContextMenu textMenu(TextInputControl text, FieldModel field,
            Supplier<Consumer<FieldModel>> action) {
        ContextMenu menu = new ContextMenu();
        MenuItem cut = new MenuItem("Cut");
        cut.setOnAction(e -> text.cut());
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> text.copy());
        MenuItem paste = new MenuItem("Paste");
        paste.setOnAction(e -> text.paste());
        MenuItem all = new MenuItem("Select All");
        all.setOnAction(e -> text.selectAll());
        MenuItem sweep = item(field, action);
        menu.setOnShowing(e -> {
            boolean selection = text.getSelection().getLength() > 0;
            cut.setDisable(!text.isEditable() || !selection);
            copy.setDisable(!selection);
            paste.setDisable(!text.isEditable());
            sweep.setVisible(action.get() != null);
        });
        menu.getItems().addAll(cut, copy, paste, all, new SeparatorMenuItem(), sweep);
        return menu;
    }

    private static MenuItem item(FieldModel field, Supplier<Consumer<FieldModel>> action) {
        MenuItem item = new MenuItem("Sweep this input…", Icons.of(Feather.GRID, Icons.SMALL));
        item.setId(ITEM_ID);
        item.setOnAction(event -> {
            Consumer<FieldModel> sweep = action.get();
            if (sweep != null) {
                sweep.accept(field);
            }
        });
        return item;
    }

    private static List<TextInputControl> textControls(Node node) {
        List<TextInputControl> found = new ArrayList<>();
        if (node instanceof TextInputControl text) {
            found.add(text);
        } else if (node instanceof Parent parent && !(node instanceof javafx.scene.control.Control)) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                found.addAll(textControls(child));
            }
        }
        return found;
    }
}
