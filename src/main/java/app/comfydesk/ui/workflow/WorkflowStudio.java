package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.Icons;
import app.comfydesk.ui.common.MainWindow;
import app.comfydesk.ui.common.Tooltips;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.ui.settings.SettingsService;
import app.comfydesk.workflow.NodeSchemas;
import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/**
 * The workflow feature put together: the toolbar's workflow menu, reload and submit controls, the form with its
 * presets menu and the request preview, the studio's section of the app menu and the drop target, wired to the
 * {@link StudioSession} (document, schemas, presets) and {@link StudioActions} (menus and shortcuts). The dialogs
 * the session asks for (which file, discard the edits?, a preset's name) are shown here.
 */
public final class WorkflowStudio {

    public static final String SAMPLE_RESOURCE = "/assets/workflows/sample-txt2img.json";
    static final double MAX_NAME_WIDTH = 340;

    private final MainWindow window;
    private final WorkflowFormModel form;
    private final SettingsService settings;
    private final StudioSession session;
    private final GenerateAction generate;
    private final StudioActions actions;
    private final WorkflowFormView formView;
    private final RequestPreviewPane preview;
    private final MenuButton workflowMenu = new MenuButton();
    private final ObjectProperty<Runnable> onSweep = new SimpleObjectProperty<>(this, "onSweep");

    public WorkflowStudio(MainWindow window, WorkflowFormModel form, SubmitModel submit, ProfilesViewModel profiles,
            SettingsService settings, BackgroundExecutor executor, WorkflowLoader loader, PresetStore presets,
            ImageInputs imageInputs) {
        this.window = window;
        this.form = form;
        this.settings = settings;
        this.formView = new WorkflowFormView(form, executor, imageInputs, presetsMenu());
        this.preview = new RequestPreviewPane(submit, form, profiles);
        this.actions = new StudioActions(this::chooseAndOpen, this::reload, this::chooseSchemas,
                formView::focusFilter, this::generate, preview::toggle, form.documentProperty().isNull());
        VBox formColumn = new VBox(formView, preview);
        formColumn.getStyleClass().add("form-column");
        VBox.setVgrow(formView, Priority.ALWAYS);
        window.setFormView(null);
        window.setWorkflowControls(workflowControls());
        window.setSubmitControls(SubmitControls.build(form, submit, onSweep, this::generate,
                this::showBlockedReason));
        window.statusItems().getChildren().addAll(new BaselineChip(submit.baseline()), previewToggle());
        window.appMenu().getItems().addAll(0, actions.appMenuItems());
        form.documentProperty().addListener((obs, old, now) -> window.setFormView(now == null ? null : formColumn));
        // Made after the view's listeners, so a new document is in the form column before the session reacts.
        StudioFeedback feedback = StudioFeedback.of(window);
        this.session = new StudioSession(form, submit, profiles, settings, executor, loader, presets, feedback);
        session.setDiscardConfirmation(this::askDiscard);
        this.generate = new GenerateAction(form, submit, profiles, session, feedback);
    }

    /** The document state behind the studio; its methods are what the delegates below call. */
    public StudioSession session() {
        return session;
    }

    /** The studio's commands, as the menus and shortcuts are made from them. */
    public StudioActions actions() {
        return actions;
    }

    // ---- toolbar -----------------------------------------------------------------------------------------------

    private Node[] workflowControls() {
        workflowMenu.setId("workflowName");
        workflowMenu.getStyleClass().addAll(Styles.FLAT, "workflow-name");
        // A deployment's form shows the deployment's name with the deployments icon (its full title, version
        // included, is in the tooltip and the status bar): "Deployment: … (v…)" left no room at 1280 px.
        workflowMenu.textProperty().bind(Bindings.createStringBinding(() -> form.getDocument() == null
                ? "No workflow" : form.getDocument().deployment() != null
                        && form.getDocument().deployment().storedWorkflowKnown()
                        ? form.getDocument().deployment().name() : form.getDocument().displayName(),
                form.documentProperty()));
        form.documentProperty().addListener((obs, old, now) -> workflowMenu.setGraphic(Icons.of(
                now != null && now.deployment() != null && now.deployment().storedWorkflowKnown()
                        ? Feather.LAYERS : Feather.FILE_TEXT)));
        workflowMenu.setMnemonicParsing(false);
        // A long file name ellipsizes in the middle instead of pushing the profile and Generate off the toolbar.
        workflowMenu.setMinWidth(90);
        workflowMenu.setMaxWidth(MAX_NAME_WIDTH);
        workflowMenu.setPrefWidth(Region.USE_COMPUTED_SIZE);
        workflowMenu.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        Tooltip nameTip = new Tooltip();
        nameTip.textProperty().bind(Bindings.createStringBinding(() -> form.getDocument() == null
                ? "No workflow" : form.getDocument().displayName(), form.documentProperty()));
        workflowMenu.setTooltip(nameTip);
        workflowMenu.setGraphic(Icons.of(Feather.FILE_TEXT));
        workflowMenu.setOnShowing(event -> fillWorkflowMenu());
        fillWorkflowMenu();
        Button reload = Icons.iconButton(Feather.REFRESH_CW, "Reload the workflow from disk (F5), keeping your edits");
        reload.setId("reloadButton");
        reload.disableProperty().bind(Bindings.createBooleanBinding(
                () -> form.getDocument() == null || form.getDocument().source() == null, form.documentProperty()));
        reload.setOnAction(event -> reload());
        return new Node[] {workflowMenu, reload};
    }

    private void fillWorkflowMenu() {
        workflowMenu.getItems().setAll(actions.workflowMenuItems());
        workflowMenu.getItems().add(new SeparatorMenuItem());
        List<String> recent = settings.current().recentFiles();
        if (recent.isEmpty()) {
            MenuItem none = new MenuItem("No recent workflows");
            none.setDisable(true);
            workflowMenu.getItems().add(none);
        }
        for (String file : recent) {
            MenuItem item = literal(new MenuItem(Path.of(file).getFileName() + "  —  " + parentOf(file)));
            item.setOnAction(event -> open(Path.of(file)));
            workflowMenu.getItems().add(item);
        }
        workflowMenu.getItems().add(new SeparatorMenuItem());
        Menu samples = new Menu("Sandbox samples", Icons.of(Feather.BOX, Icons.SMALL));
        samples.setId("samplesMenu");
        for (SandboxSample sample : SandboxSample.values()) {
            MenuItem item = new MenuItem(sample.title());
            item.setOnAction(event -> loadSample(sample));
            samples.getItems().add(item);
        }
        workflowMenu.getItems().add(samples);
    }

    /** File names and preset names are shown as they are: "my_flux.json" must not lose its underscore. */
    static MenuItem literal(MenuItem item) {
        item.setMnemonicParsing(false);
        return item;
    }

    private static String parentOf(String file) {
        Path parent = Path.of(file).getParent();
        return parent == null ? "" : parent.toString();
    }

    private Node previewToggle() {
        Button toggle = new Button("Request", Icons.of(Feather.CODE, Icons.SMALL));
        toggle.setId("previewToggle");
        toggle.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        Tooltips.onHover(toggle, "Show what Generate sends (Ctrl+R)");
        toggle.setOnAction(event -> preview.toggle());
        return toggle;
    }

    private MenuButton presetsMenu() {
        MenuButton menu = new MenuButton(null, Icons.of(Feather.BOOKMARK, Icons.SMALL));
        menu.setId("presetsMenu");
        menu.getStyleClass().addAll(Styles.FLAT, "presets-menu");
        Tooltips.onHover(menu, "Presets: named sets of edits for this workflow");
        menu.setOnShowing(event -> {
            MenuItem save = new MenuItem("Save current edits as preset…", Icons.of(Feather.SAVE, Icons.SMALL));
            save.setId("savePresetItem");
            save.setDisable(!session().presets().canSave());
            save.setOnAction(e -> askPresetName());
            menu.getItems().setAll(save, new SeparatorMenuItem());
            List<String> names = session().presets().names();
            if (names.isEmpty()) {
                MenuItem none = new MenuItem("No presets for this workflow yet");
                none.setDisable(true);
                menu.getItems().add(none);
            }
            Menu delete = new Menu("Delete preset", Icons.of(Feather.TRASH_2, Icons.SMALL));
            for (String name : names) {
                MenuItem apply = literal(new MenuItem(name));
                apply.setOnAction(e -> applyPreset(name));
                menu.getItems().add(apply);
                MenuItem remove = literal(new MenuItem(name));
                remove.setOnAction(e -> deletePreset(name));
                delete.getItems().add(remove);
            }
            if (!names.isEmpty()) {
                menu.getItems().addAll(new SeparatorMenuItem(), delete);
            }
        });
        menu.getItems().add(new MenuItem("…"));
        menu.disableProperty().bind(form.documentProperty().isNull());
        return menu;
    }

    // ---- drag-and-drop -----------------------------------------------------------------------------------------

    /**
     * "Drop a workflow anywhere" for the window's scene. The studio's shortcuts need nothing here: they are the
     * app menu's accelerators (see {@link StudioActions}), which that menu registers in the scene that shows it.
     */
    public void install(Scene scene) {
        scene.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles() && event.getDragboard().getFiles().stream().anyMatch(
                    file -> isWorkflowFile(file.getName()))) {
                event.acceptTransferModes(TransferMode.COPY);
            }
        });
        scene.setOnDragDropped(event -> {
            boolean accepted = false;
            for (File file : event.getDragboard().getFiles()) {
                if (isWorkflowFile(file.getName())) {
                    open(file.toPath());
                    accepted = true;
                    break;
                }
            }
            event.setDropCompleted(accepted);
            event.consume();
        });
    }

    static boolean isWorkflowFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".png");
    }

    // ---- dialogs -----------------------------------------------------------------------------------------------

    public void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a workflow");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Workflows (API JSON, ComfyUI PNG)", "*.json", "*.png"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        session.lastFolder().ifPresent(chooser::setInitialDirectory);
        File file = chooser.showOpenDialog(window.root().getScene().getWindow());
        if (file != null) {
            open(file.toPath());
        }
    }

    public void chooseSchemas() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load object_info.json (node schemas of your deployment)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("object_info.json", "*.json"));
        File file = chooser.showOpenDialog(window.root().getScene().getWindow());
        if (file != null) {
            session.loadSchemas(file.toPath());
        }
    }

    private boolean askDiscard(UnsavedEdits edits) {
        ButtonType keep = new ButtonType("Keep editing", ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonType discard = new ButtonType("Discard and " + (edits.action().equals("Opening") ? "open" : "apply"),
                ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "You changed " + edits.changedInputs() + " input(s) in "
                + edits.currentName() + ". " + edits.action() + " " + edits.nextName()
                + " discards those edits (save them as a preset to keep them).", keep, discard);
        alert.setTitle("Discard your edits?");
        alert.setHeaderText("Discard your edits to " + edits.currentName() + "?");
        alert.initOwner(window.root().getScene() == null ? null : window.root().getScene().getWindow());
        return alert.showAndWait().filter(discard::equals).isPresent();
    }

    private void askPresetName() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle("Save preset");
        dialog.setHeaderText("Save the " + form.changedCountProperty().get() + " changed input(s) as a preset");
        dialog.setContentText("Name");
        dialog.initOwner(window.root().getScene().getWindow());
        dialog.showAndWait().map(String::strip).filter(name -> !name.isEmpty()).ifPresent(this::savePreset);
    }

    private void showBlockedReason() {
        generate.showBlockedReason();
    }

    // ---- what other classes call; kept here so their callers need not know the session ------------------------

    /** Opens a workflow, or an object_info.json; see {@link StudioSession#open}. */
    public void open(Path file) {
        session.open(file);
    }

    public void reload() {
        session.reload();
    }

    /** The sandbox's text-to-image sample, read from the application. */
    public void loadSample() {
        loadSample(SandboxSample.TEXT_TO_IMAGE);
    }

    public void loadSample(SandboxSample sample) {
        session.loadSample(sample);
    }

    public void load(Callable<WorkflowDocument> work, String what) {
        session.load(work, what);
    }

    /** Tests answer the question instead of a dialog; true = discard the edits and open the other workflow. */
    public void setDiscardConfirmation(Predicate<UnsavedEdits> confirmation) {
        session.setDiscardConfirmation(confirmation);
    }

    public void rememberDeploymentsIn(FileDeployments memory) {
        session.rememberDeploymentsIn(memory);
    }

    public void keepSessionEdits(SessionEdits keeper) {
        session.keepSessionEdits(keeper);
    }

    public String sessionNote() {
        return session.sessionNote();
    }

    public void useLiveSchemas(NodeSchemas loaded, String from) {
        session.useLiveSchemas(loaded, from);
    }

    public ReadOnlyObjectProperty<NodeSchemas> schemasProperty() {
        return session.schemasProperty();
    }

    public void generate() {
        generate.generate();
    }

    public void savePreset(String name) {
        session.presets().save(name);
    }

    public void applyPreset(String name) {
        session.presets().apply(name);
    }

    public void deletePreset(String name) {
        session.presets().delete(name);
    }

    public int loadEdits(JsonNode overrides) {
        return session.presets().loadEdits(overrides);
    }

    public ObservableList<String> presetNames() {
        return session.presets().names();
    }

    /** "name — ComfyDesk" for the window title, or just "ComfyDesk" with no workflow. */
    public StringBinding windowTitle() {
        return Bindings.createStringBinding(() -> form.getDocument() == null ? "ComfyDesk"
                : form.getDocument().displayName() + " \u2014 ComfyDesk", form.documentProperty());
    }

    /** What the toolbar's Sweep… button does (opens the sweep window). */
    public void setOnSweep(Runnable action) {
        onSweep.set(action);
    }

    public RequestPreviewPane preview() {
        return preview;
    }

    public WorkflowFormView formView() {
        return formView;
    }
}
