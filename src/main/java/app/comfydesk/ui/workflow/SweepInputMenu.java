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
        ContextMenu rowMenu = new ContextMenu(item(field, action));
        row.setOnContextMenuRequested(event -> {
            if (action.get() != null) {
                rowMenu.show(row, event.getScreenX(), event.getScreenY());
                event.consume();
            }
        });
        for (TextInputControl text : textControls(editor)) {
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
            text.setContextMenu(menu);
        }
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
