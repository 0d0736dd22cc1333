package app.comfydesk.ui.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;

/**
 * Every keyboard shortcut of the window in one table. The menus are the source: each main action has a menu entry
 * with an accelerator, so {@link #of(MenuBar)} reads them from the menu bar and the list can never drift from what
 * the keys really do. Keys a feature handles itself while it has the focus (the job table's, the viewer's) come
 * from that feature's documented list through {@link #with(List)}.
 */
public final class ShortcutTable {

    /**
     * One shortcut: the menu (or area) it belongs to, what it does, the keys as the platform writes them (Ctrl+O,
     * ⌘O) or as a feature documents a family of keys ("← / →").
     */
    public record Entry(String group, String action, String keysText) {
        public Entry(String group, String action, KeyCombination keys) {
            this(group, action, keys.getDisplayText());
        }
    }

    private final List<Entry> entries;
    /** Areas whose keys work only while that area has the focus, so they may reuse a key of another area. */
    private final Set<String> localAreas;

    private ShortcutTable(List<Entry> entries) {
        this(entries, Set.of());
    }

    private ShortcutTable(List<Entry> entries, Set<String> localAreas) {
        this.entries = List.copyOf(entries);
        this.localAreas = Set.copyOf(localAreas);
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
        return new ShortcutTable(more, localAreas);
    }

    /**
     * This table plus the keys a feature handles itself (the job table's, the viewer's), which have no menu entry:
     * the feature owns the list next to its key handler, so the dialog shows every key without a copy here.
     */
    public ShortcutTable with(List<Entry> documented) {
        List<Entry> more = new ArrayList<>(entries);
        more.addAll(documented);
        Set<String> local = new HashSet<>(localAreas);
        documented.forEach(entry -> local.add(entry.group()));
        return new ShortcutTable(more, local);
    }

    /** The entries by area, areas in first-seen order: what the shortcuts dialog shows. */
    public Map<String, List<Entry>> byGroup() {
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry entry : entries) {
            groups.computeIfAbsent(entry.group(), group -> new ArrayList<>()).add(entry);
        }
        return groups;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * Keys bound to more than one action within one area: a bug the tests of the main window should assert away.
     * (Ctrl+C copies a request id in the job table and an image in the viewer; areas have their own focus.)
     */
    public Map<String, List<String>> conflicts() {
        Map<String, List<String>> byKeys = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (localAreas.contains(entry.group())) {
                continue;
            }
            byKeys.computeIfAbsent(entry.keysText(), keys -> new ArrayList<>()).add(entry.action());
        }
        byKeys.values().removeIf(actions -> actions.size() < 2);
        return byKeys;
    }
}
