package app.comfydesk.ui.workflow;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;

/**
 * One studio command as the menus show it: what it is called, its icon, its keys if it has any, what it does and
 * when it cannot run. {@link StudioActions} makes every menu item and shortcut from these.
 *
 * @param id       stable name, also the menu items' id ({@code id + "MenuItem"})
 * @param keys     the shortcut, or null for none
 * @param disabled true while the command cannot run, or null for always enabled
 */
public record StudioAction(String id, String title, Ikon icon, KeyCombination keys, Runnable handler,
        ObservableBooleanValue disabled) {
}
