package app.comfydesk.ui.jobs;

import app.comfydesk.ui.common.ExplainedButton;
import app.comfydesk.ui.common.ShortcutTable;
import app.comfydesk.ui.gallery.ThumbnailCache;
import java.util.List;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The job monitor: filter bar ({@link JobMonitorToolbar}), the job table, the details pane, an offline banner, and
 * the actions (toolbar, context menu, keys). Keys on the table: Ctrl+K cancel, Delete delete remote assets,
 * Ctrl+Shift+R re-run, Ctrl+L load edits into the form, Ctrl+Shift+O open output folder, Ctrl+C copy request id,
 * Ctrl+Shift+C copy error.
 */
public final class JobMonitorView extends BorderPane {

    private static final String STYLESHEET =
            JobMonitorView.class.getResource("/app/comfydesk/ui/monitor.css").toExternalForm();

    /** The job table's keys (see {@link #onKey}), for the shortcuts dialog: {@code ShortcutTable.with(SHORTCUTS)}. */
    public static final List<ShortcutTable.Entry> SHORTCUTS = List.of(
            key("Cancel selected jobs", "Shortcut+K"),
            key("Delete remote assets of selected jobs", "Delete"),
            key("Re-run with the same edits", "Shortcut+Shift+R"),
            key("Load edits into the form", "Shortcut+L"),
            key("Open output folder", "Shortcut+Shift+O"),
            key("Use this seed", "Shortcut+Shift+E"),
            key("Copy request id", "Shortcut+C"),
            key("Copy error", "Shortcut+Shift+C"));

    private static ShortcutTable.Entry key(String action, String keys) {
        return new ShortcutTable.Entry("Job table", action, KeyCombination.valueOf(keys));
    }

    private final JobMonitorViewModel model;
    private final JobTable table;
    private final Timeline clock;
    private final ContextMenu rowMenu;

    public JobMonitorView(JobMonitorViewModel model, ThumbnailCache thumbnails) {
        this.model = model;
        this.table = new JobTable(model, thumbnails);
        setId("jobMonitor");
        getStyleClass().add("job-monitor");
        getStylesheets().add(STYLESHEET);

        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<JobItem>) change ->
                model.selection().setAll(table.getSelectionModel().getSelectedItems().stream()
                        .filter(Objects::nonNull).toList()));
        model.onRowsResetProperty().set(this::restoreSelection);
        // Shown by hand, not through setContextMenu: a control's context menu has its accelerators registered
        // scene-wide, and Delete / Ctrl+C must stay with text fields. So the menu can show its keys safely.
        rowMenu = contextMenu();
        table.setOnContextMenuRequested(event -> {
            rowMenu.show(table, event.getScreenX(), event.getScreenY());
            event.consume();
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);

        JobDetailsView details = new JobDetailsView(model, this::copyToClipboard);
        SplitPane split = new SplitPane(table);
        SplitPane.setResizableWithParent(details, false);
        split.getStyleClass().add("monitor-split");
        // The details pane opens beside the table when a job is selected and gives the room back when not.
        model.detailsProperty().addListener((obs, old, now) -> {
            boolean shown = split.getItems().contains(details);
            if (now != null && !shown) {
                split.getItems().add(details);
                // Narrower than half: the table keeps most of its columns; long values scroll in their fields.
                split.setDividerPositions(0.66);
            } else if (now == null && shown) {
                split.getItems().remove(details);
            }
        });

        setTop(new VBox(offlineBanner(), new JobMonitorToolbar(model, this::copyToClipboard,
                () -> table.getSelectionModel().clearSelection()), messageStrip()));
        setCenter(split);

        model.onJobsFinishedProperty().set(finished -> {
            if (getScene() != null && getScene().getWindow() != null && !getScene().getWindow().isFocused()) {
                toasts.tell(getScene().getWindow(), finished);
            }
        });
        clock = new Timeline();
        clock.getKeyFrames().add(new KeyFrame(Duration.seconds(1), event -> {
            if (isShowing()) {
                model.tick();
            } else {
                clock.stop();
            }
        }));
        clock.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                clock.stop();
            } else {
                clock.play();
            }
        });
    }

    /** The clock ticks only while the view is in a window on screen. */
    private boolean isShowing() {
        return getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing();
    }

    public JobMonitorViewModel model() {
        return model;
    }

    private HBox offlineBanner() {
        FontIcon icon = new FontIcon(Feather.WIFI_OFF);
        Label text = new Label();
        text.setWrapText(true);
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            ConnectionStatus status = model.connectionProperty().get();
            if (status == null || status.online()) {
                return "";
            }
            return "Offline — cannot reach " + (status.host() == null ? "the API" : StatusBarView.hostOf(status.host()))
                    + (status.message() == null || status.message().isBlank() ? "" : " (" + status.message() + ")")
                    + ". Jobs keep their state; polling resumes by itself when the connection is back.";
        }, model.connectionProperty()));
        HBox banner = new HBox(10, icon, text);
        banner.setId("offlineBanner");
        banner.getStyleClass().add("offline-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(text.textProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private HBox messageStrip() {
        Label text = new Label();
        text.setId("monitorMessage");
        text.textProperty().bind(model.messageProperty());
        text.setWrapText(true);
        Button close = new Button(null, new FontIcon(Feather.X));
        close.getStyleClass().addAll("flat", "button-icon", "small");
        close.setOnAction(event -> model.dismissMessage());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox strip = new HBox(8, new FontIcon(Feather.INFO), text, spacer, close);
        strip.getStyleClass().add("monitor-message");
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.visibleProperty().bind(model.messageProperty().isNotEmpty());
        strip.managedProperty().bind(strip.visibleProperty());
        return strip;
    }

    private ContextMenu contextMenu() {
        MenuItem cancel = item("Cancel", Feather.X_CIRCLE, "Shortcut+K", model::cancelSelected);
        MenuItem delete = item("Delete remote assets", Feather.TRASH_2, "Delete", model::deleteRemoteSelected);
        MenuItem rerun = item("Re-run with the same edits", Feather.REFRESH_CW, "Shortcut+Shift+R",
                model::rerunSelected);
        MenuItem load = item("Load edits into the form", Feather.EDIT, "Shortcut+L", model::loadEditsIntoForm);
        MenuItem folder = item("Open output folder", Feather.FOLDER, "Shortcut+Shift+O", model::openOutputFolder);
        MenuItem seed = item("Use this seed", Feather.HASH, "Shortcut+Shift+E", model::useSeedInForm);
        seed.setId("useSeedItem");
        MenuItem copyId = item("Copy request id", Feather.COPY, "Shortcut+C",
                () -> copyToClipboard(model.selectedRequestIds()));
        MenuItem copyError = item("Copy error", Feather.ALERT_TRIANGLE, "Shortcut+Shift+C",
                () -> copyToClipboard(model.focusedErrorText()));
        MenuItem expandGroup = new MenuItem("Show the sweep's jobs", new FontIcon(Feather.LIST));
        expandGroup.setOnAction(event -> groupAction(false));
        expandGroup.setId("expandGroupItem");
        MenuItem cancelGroup = new MenuItem("Cancel sweep", new FontIcon(Feather.X_SQUARE));
        cancelGroup.setOnAction(event -> groupAction(true));
        cancelGroup.setId("cancelGroupItem");
        SeparatorMenuItem groupLine = new SeparatorMenuItem();
        ContextMenu menu = new ContextMenu(expandGroup, cancelGroup, groupLine, cancel, delete, rerun,
                new SeparatorMenuItem(), load, seed, folder, new SeparatorMenuItem(), copyId, copyError);
        menu.setOnShowing(event -> {
            JobGroupRow group = focusedGroup();
            expandGroup.setVisible(group != null);
            cancelGroup.setVisible(group != null);
            groupLine.setVisible(group != null);
            if (group != null) {
                expandGroup.setText(model.groups().isExpanded(group.groupId()) ? "Fold the sweep into one row"
                        : "Show the sweep's jobs");
                cancelGroup.setText("Cancel sweep (" + group.progress() + ")");
                cancelGroup.setDisable(group.unfinished() == 0);
            }
            int rows = model.selectedRows().size();
            String count = rows > 1 ? " (" + rows + " jobs)" : "";
            explainDisabled(cancel, "Cancel" + count, JobAction.CANCEL);
            explainDisabled(delete, "Delete remote assets" + count, JobAction.DELETE_REMOTE);
            explainDisabled(rerun, "Re-run with the same edits", JobAction.RERUN);
            explainDisabled(load, "Load edits into the form", JobAction.LOAD_EDITS);
            explainDisabled(folder, "Open output folder", JobAction.OPEN_FOLDER);
            explainDisabled(seed, "Use this seed", JobAction.USE_SEED);
            explainDisabled(copyId, "Copy request id", JobAction.COPY_REQUEST_ID);
            explainDisabled(copyError, "Copy error", JobAction.COPY_ERROR);
        });
        return menu;
    }

    private JobGroupRow focusedGroup() {
        JobItem focused = model.focusedProperty().get();
        return focused == null || focused.row() == null ? null : focused.row().group();
    }

    /** Expands or folds ({@code cancel} false) or cancels the focused row's sweep group. */
    private void groupAction(boolean cancel) {
        JobGroupRow group = focusedGroup();
        if (group == null) {
            return;
        }
        if (cancel) {
            model.groups().cancel(group.groupId());
        } else {
            model.groups().toggle(group.groupId());
        }
    }

    /**
     * A menu item cannot show a tooltip, so a disabled one says why in its own words, as the toolbar's tooltips do:
     * "Open output folder — This job has no outputs saved yet".
     */
    private void explainDisabled(MenuItem item, String text, JobAction action) {
        String reason = model.whyNot(action);
        item.setDisable(reason != null);
        item.setText(ExplainedButton.describe(text, reason));
    }

    /**
     * The keys are handled by the table's key handler; the items show them as accelerators, which is safe because
     * this menu is not the table's {@code contextMenu} (that one would register them scene-wide).
     */
    private static MenuItem item(String text, Ikon icon, String keys, Runnable run) {
        MenuItem item = new MenuItem(text, new FontIcon(icon));
        item.setAccelerator(KeyCombination.valueOf(keys));
        item.setOnAction(event -> run.run());
        return item;
    }

    private void onKey(KeyEvent event) {
        KeyCode code = event.getCode();
        boolean shortcut = event.isShortcutDown();
        boolean shift = event.isShiftDown();
        Runnable action = null;
        if (shortcut && code == KeyCode.K) {
            action = model::cancelSelected;
        } else if (!shortcut && (code == KeyCode.DELETE || code == KeyCode.BACK_SPACE)) {
            action = model::deleteRemoteSelected;
        } else if (shortcut && shift && code == KeyCode.R) {
            action = model::rerunSelected;
        } else if (shortcut && code == KeyCode.L) {
            action = model::loadEditsIntoForm;
        } else if (shortcut && shift && code == KeyCode.O) {
            action = model::openOutputFolder;
        } else if (shortcut && shift && code == KeyCode.E) {
            action = model::useSeedInForm;
        } else if (shortcut && shift && code == KeyCode.C) {
            action = () -> copyToClipboard(model.focusedErrorText());
        } else if (shortcut && code == KeyCode.C) {
            action = () -> copyToClipboard(model.selectedRequestIds());
        }
        if (action != null) {
            action.run();
            event.consume();
        }
    }

    private void copyToClipboard(String text) {
        if (text == null || text.isEmpty()) {
            model.say("Nothing to copy.");
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
        model.say("Copied " + (text.lines().count() > 1 && !text.contains("{") ? text.lines().count() + " request ids"
                : text.length() > 40 ? "to the clipboard" : text));
    }

    private void restoreSelection() {
        List<Long> ids = model.selection().stream().map(JobItem::id).filter(id -> id >= 0).toList();
        if (ids.isEmpty()) {
            return;
        }
        int[] indices = ids.stream().mapToInt(model::indexOfLoaded).filter(index -> index >= 0).toArray();
        table.getSelectionModel().clearSelection();
        if (indices.length > 0) {
            table.getSelectionModel().selectIndices(indices[0], java.util.Arrays.copyOfRange(indices, 1,
                    indices.length));
        }
    }

    /** For tests: the rows' context menu. */
    ContextMenu rowMenu() {
        return rowMenu;
    }

    private final FinishedToasts toasts = new FinishedToasts();

    /** For tests: the table control. */
    JobTable table() {
        return table;
    }
}
