package app.comfydesk.ui.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;

/**
 * Every keyboard shortcut of the window in one table. The menus are the source: each main action has a menu entry
 * with an accelerator, so {@link #of(MenuBar)} reads them from the menu bar and the list can never drift from what
 * the keys really do. Keys that have no menu entry (say, Delete in the job table) are added with {@link #with}.
 */
public final class ShortcutTable {

    /** One shortcut: the menu (or area) it belongs to, what it does, the keys. */
    public record Entry(String group, String action, KeyCombination keys) {
        /** The keys as the platform writes them (Ctrl+O, ⌘O). */
        public String keysText() {
            return keys.getDisplayText();
        }
    }

    private final List<Entry> entries;

    private ShortcutTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The accelerators of every menu item in the bar, grouped by top-level menu, in menu order. */
    public static ShortcutTable of(MenuBar menuBar) {
        return of(menuBar.getMenus());
    }

    /** The accelerators of every item of a menu button (the window's ☰ menu), grouped by its submenus. */
    public static ShortcutTable of(MenuButton menuButton) {
        return of(menuButton.getItems());
    }

    /** Top-level submenus give the group; top-level plain items are in the group "Main menu". */
    public static ShortcutTable of(List<? extends MenuItem> topLevel) {
        List<Entry> entries = new ArrayList<>();
        for (MenuItem item : topLevel) {
            if (item instanceof Menu menu) {
                collect(clean(menu.getText()), menu.getItems(), entries);
            } else {
                collect("Main menu", List.of(item), entries);
            }
        }
        return new ShortcutTable(entries);
    }

    private static void collect(String group, List<? extends MenuItem> items, List<Entry> into) {
        for (MenuItem item : items) {
            if (item instanceof Menu submenu) {
                collect(group, submenu.getItems(), into);
            } else if (item.getAccelerator() != null) {
                into.add(new Entry(group, clean(item.getText()), item.getAccelerator()));
            }
        }
    }

    /** Mnemonic underscores and trailing ellipses are for menus, not for a list of actions. */
    private static String clean(String text) {
        return text == null ? "" : text.replace("_", "").replaceAll("(\\.\\.\\.|…)$", "").trim();
    }

    /** This table plus a shortcut that has no menu entry. */
    public ShortcutTable with(String group, String action, KeyCombination keys) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(new Entry(group, action, keys));
        return new ShortcutTable(more);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Keys bound to more than one action: a bug the tests of the main window should assert away. */
    public Map<String, List<String>> conflicts() {
        Map<String, List<String>> byKeys = new LinkedHashMap<>();
        for (Entry entry : entries) {
            byKeys.computeIfAbsent(entry.keysText(), keys -> new ArrayList<>()).add(entry.action());
        }
        byKeys.values().removeIf(actions -> actions.size() < 2);
        return byKeys;
    }
}
