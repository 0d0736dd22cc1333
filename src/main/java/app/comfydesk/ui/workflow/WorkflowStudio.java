package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.Icons;
import app.comfydesk.ui.common.MainWindow;
import app.comfydesk.ui.common.MessageBar;
import app.comfydesk.ui.common.UserFacingError;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.ui.settings.SettingsService;
import app.comfydesk.workflow.NodeSchemas;
import app.comfydesk.workflow.WorkflowEdit;
import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The workflow feature put together: open / drop / recent / reload, the optional object_info.json, the form, the
 * presets, Generate and the request preview. Every file read runs through the background executor; a failed load
 * leaves the current form as it was and says why in the window's message bar.
 */
public final class WorkflowStudio {

    public static final String SAMPLE_RESOURCE = "/assets/workflows/sample-txt2img.json";

    private final MainWindow window;
    private final WorkflowFormModel form;
    private final SubmitModel submit;
    private final ProfilesViewModel profiles;
    private final SettingsService settings;
    private final BackgroundExecutor executor;
    private final WorkflowLoader loader;
    private final PresetStore presets;
    private final ObjectProperty<NodeSchemas> schemas = new SimpleObjectProperty<>(this, "schemas");
    private final ObservableList<String> presetNames = FXCollections.observableArrayList();
    private final WorkflowFormView formView;
    private final RequestPreviewPane preview;
    static final double MAX_NAME_WIDTH = 340;
    private final MenuButton workflowMenu = new MenuButton();
    private final Button submitButton = new Button("Generate");
    /** Opens the sweep window; set by the composition root once the engine runs. */
    private final Button sweepButton = new Button();
    private final ObjectProperty<Runnable> onSweep = new SimpleObjectProperty<>(this, "onSweep");
    private final VBox formColumn;
    private Path schemaFile;
    // One ticket line for everything that replaces the shown document, one for the schemas: only the newest applies.
    private final LatestLoad documentLoads = new LatestLoad();
    private final LatestLoad schemaLoads = new LatestLoad();
    private String shownBlockedReason;
    private java.util.function.Predicate<UnsavedEdits> discardConfirmation = this::askDiscard;
    /** The edits last saved as or loaded from a preset: applying another preset over them loses nothing. */
    private Map<app.comfydesk.workflow.InputRef, JsonNode> keptEdits = Map.of();
    private SessionEdits session;
    private FileDeployments fileDeployments;

    public WorkflowStudio(MainWindow window, WorkflowFormModel form, SubmitModel submit, ProfilesViewModel profiles,
            SettingsService settings, BackgroundExecutor executor, WorkflowLoader loader, PresetStore presets,
            ImageInputs imageInputs) {
        this.window = window;
        this.form = form;
        this.submit = submit;
        this.profiles = profiles;
        this.settings = settings;
        this.executor = executor;
        this.loader = loader;
        this.presets = presets;
        this.formView = new WorkflowFormView(form, executor, imageInputs, presetsMenu());
        this.preview = new RequestPreviewPane(submit, form, profiles);
        formColumn = new VBox(formView, preview);
        formColumn.getStyleClass().add("form-column");
        VBox.setVgrow(formView, Priority.ALWAYS);
        window.setFormView(null);
        window.setWorkflowControls(workflowControls());
        window.setSubmitControls(submitControls());
        window.statusItems().getChildren().addAll(new BaselineChip(submit.baseline()), previewToggle());
        addMenuItems();
        form.documentProperty().addListener((obs, old, now) -> {
            window.setFormView(now == null ? null : formColumn);
            keptEdits = Map.of();
            refreshPresets();
        });
        profiles.activeProperty().addListener((obs, old, now) -> {
            loadProfileSchemas(now);
            followSandboxGraph();
        });
        form.documentProperty().addListener((obs, old, now) -> followSandboxGraph());
        learnSandboxGraphs();
        submit.blockedReasonProperty().addListener((obs, old, now) -> followBlockedReason(now));
        loadProfileSchemas(profiles.getActive());
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
        workflowMenu.setPrefWidth(javafx.scene.layout.Region.USE_COMPUTED_SIZE);
        workflowMenu.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
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
        MenuItem open = new MenuItem("Open workflow…", Icons.of(Feather.FOLDER, Icons.SMALL));
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(event -> chooseAndOpen());
        MenuItem schema = literal(new MenuItem("Load object_info.json…", Icons.of(Feather.DATABASE, Icons.SMALL)));
        schema.setOnAction(event -> chooseSchemas());
        workflowMenu.getItems().setAll(open, schema, new SeparatorMenuItem());
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

    private Node[] submitControls() {
        ComboBox<SubmitMode> mode = new ComboBox<>(FXCollections.observableArrayList(SubmitMode.values()));
        mode.setId("modeSelector");
        mode.valueProperty().bindBidirectional(submit.modeProperty());
        mode.setTooltip(new Tooltip("Overrides sends only what you changed; Full workflow sends the whole graph"));
        Label batchLabel = new Label("Batch");
        batchLabel.getStyleClass().add("toolbar-label");
        Spinner<Integer> batch = new Spinner<>(1, SubmitModel.MAX_BATCH, 1);
        batch.setId("batchSpinner");
        batch.setEditable(true);
        batch.getStyleClass().add("batch-spinner");
        batch.getValueFactory().valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                submit.batchProperty().set(now);
            }
        });
        submit.batchProperty().addListener((obs, old, now) -> batch.getValueFactory().setValue(now.intValue()));
        batch.setTooltip(new Tooltip("How many jobs one click submits; seeds follow their per-run mode"));

        FontIcon blockedIcon = Icons.of(Feather.ALERT_CIRCLE);
        blockedIcon.getStyleClass().add("blocked-icon");
        Label blocked = new Label(null, blockedIcon);
        blocked.setId("submitBlocked");
        blocked.getStyleClass().add("submit-blocked");
        Tooltip blockedTip = FieldEditors.tooltip("");
        blockedTip.textProperty().bind(submit.blockedReasonProperty());
        blocked.setTooltip(blockedTip);
        // Its room is kept while hidden, so Generate does not shift when a problem comes and goes.
        blocked.visibleProperty().bind(Bindings.isNotNull(submit.blockedReasonProperty())
                .and(form.documentProperty().isNotNull()));
        blocked.setOnMouseClicked(event -> showBlockedReason());

        submitButton.setId("submitButton");
        submitButton.setGraphic(Icons.of(Feather.PLAY));
        submitButton.getStyleClass().addAll(Styles.ACCENT, "generate-button");
        Label shortcut = new Label("Ctrl+⏎");
        shortcut.getStyleClass().add("shortcut-hint");
        submitButton.setContentDisplay(javafx.scene.control.ContentDisplay.LEFT);
        Label generateLabel = new Label();
        generateLabel.setId("submitLabel");
        generateLabel.getStyleClass().add("generate-label");
        generateLabel.textProperty().bind(Bindings.createStringBinding(() -> generateText(submit.batchProperty().get()),
                submit.batchProperty()));
        HBox content = new HBox(8, generateLabel, shortcut);
        content.setAlignment(Pos.CENTER);
        submitButton.setText(null);
        HBox graphic = new HBox(6, Icons.of(Feather.PLAY), content);
        graphic.setAlignment(Pos.CENTER);
        submitButton.setGraphic(graphic);
        submitButton.accessibleTextProperty().bind(generateLabel.textProperty());
        // Disabled while a batch waits for the server too: a second click would send the same runs again.
        submitButton.disableProperty().bind(Bindings.isNotNull(submit.blockedReasonProperty())
                .or(submit.submittingProperty()));
        submitButton.setOnAction(event -> generate());
        sweepButton.setId("sweepButton");
        // An icon, like the toolbar's other tools: with a word it took the room the workflow's name needs at 1280 px.
        sweepButton.setGraphic(Icons.of(Feather.GRID, Icons.SMALL));
        sweepButton.setAccessibleText("Sweep…");
        sweepButton.setTooltip(new Tooltip("Sweep… — try every combination of some inputs' values (X / Y / Z) as a "
                + "grid"));
        sweepButton.disableProperty().bind(onSweep.isNull().or(form.documentProperty().isNull()));
        sweepButton.setOnAction(event -> onSweep.get().run());
        FontIcon sameIcon = Icons.of(Feather.COPY, Icons.SMALL);
        sameIcon.getStyleClass().add("identical-batch-icon");
        Label identical = new Label("same seed", sameIcon);
        identical.setId("identicalBatchHint");
        identical.getStyleClass().add("identical-batch-hint");
        Tooltip identicalTip = FieldEditors.tooltip("");
        identicalTip.textProperty().bind(submit.identicalBatchProperty());
        identical.setTooltip(identicalTip);
        identical.visibleProperty().bind(submit.identicalBatchProperty().isNotNull()
                .and(form.documentProperty().isNotNull()));
        identical.managedProperty().bind(identical.visibleProperty());
        // One click out of a form the deployment's stored workflow cannot take as overrides.
        Button sendFull = new Button("Send as Full", Icons.of(Feather.ALERT_TRIANGLE, Icons.SMALL));
        sendFull.setId("sendFullButton");
        sendFull.getStyleClass().addAll(Styles.SMALL, Styles.WARNING, "deployment-mismatch-hint");
        Tooltip mismatchTip = FieldEditors.tooltip("");
        mismatchTip.textProperty().bind(submit.overridesMismatchProperty());
        sendFull.setTooltip(mismatchTip);
        sendFull.visibleProperty().bind(Bindings.isNotNull(submit.overridesMismatchProperty()));
        sendFull.managedProperty().bind(sendFull.visibleProperty());
        sendFull.setOnAction(event -> submit.modeProperty().set(SubmitMode.FULL));
        return new Node[] {mode, batchLabel, batch, identical, sendFull, blocked, sweepButton, submitButton};
    }

    /** "Generate", or "Generate ×4" when one click submits several jobs. */
    static String generateText(int batch) {
        return batch > 1 ? "Generate \u00d7" + batch : "Generate";
    }

    private Node previewToggle() {
        Button toggle = new Button("Request", Icons.of(Feather.CODE, Icons.SMALL));
        toggle.setId("previewToggle");
        toggle.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        toggle.setTooltip(new Tooltip("Show what Generate sends (Ctrl+R)"));
        toggle.setOnAction(event -> preview.toggle());
        return toggle;
    }

    private MenuButton presetsMenu() {
        MenuButton menu = new MenuButton(null, Icons.of(Feather.BOOKMARK, Icons.SMALL));
        menu.setId("presetsMenu");
        menu.getStyleClass().addAll(Styles.FLAT, "presets-menu");
        menu.setTooltip(new Tooltip("Presets: named sets of edits for this workflow"));
        menu.setOnShowing(event -> {
            MenuItem save = new MenuItem("Save current edits as preset…", Icons.of(Feather.SAVE, Icons.SMALL));
            save.setId("savePresetItem");
            save.setDisable(form.changedCountProperty().get() == 0);
            save.setOnAction(e -> askPresetName());
            menu.getItems().setAll(save, new SeparatorMenuItem());
            if (presetNames.isEmpty()) {
                MenuItem none = new MenuItem("No presets for this workflow yet");
                none.setDisable(true);
                menu.getItems().add(none);
            }
            Menu delete = new Menu("Delete preset", Icons.of(Feather.TRASH_2, Icons.SMALL));
            for (String name : presetNames) {
                MenuItem apply = literal(new MenuItem(name));
                apply.setOnAction(e -> applyPreset(name));
                menu.getItems().add(apply);
                MenuItem remove = literal(new MenuItem(name));
                remove.setOnAction(e -> deletePreset(name));
                delete.getItems().add(remove);
            }
            if (!presetNames.isEmpty()) {
                menu.getItems().addAll(new SeparatorMenuItem(), delete);
            }
        });
        menu.getItems().add(new MenuItem("…"));
        menu.disableProperty().bind(form.documentProperty().isNull());
        return menu;
    }

    private void addMenuItems() {
        MenuItem open = new MenuItem("Open workflow…", Icons.of(Feather.FOLDER, Icons.SMALL));
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(event -> chooseAndOpen());
        MenuItem schema = literal(new MenuItem("Load object_info.json…", Icons.of(Feather.DATABASE, Icons.SMALL)));
        schema.setOnAction(event -> chooseSchemas());
        MenuItem reloadItem = new MenuItem("Reload workflow", Icons.of(Feather.REFRESH_CW, Icons.SMALL));
        reloadItem.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        reloadItem.setOnAction(event -> reload());
        reloadItem.disableProperty().bind(form.documentProperty().isNull());
        MenuItem find = new MenuItem("Filter nodes and inputs", Icons.of(Feather.SEARCH, Icons.SMALL));
        find.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        find.setOnAction(event -> formView.focusFilter());
        MenuItem generateItem = new MenuItem("Generate", Icons.of(Feather.PLAY, Icons.SMALL));
        generateItem.setAccelerator(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN));
        generateItem.setOnAction(event -> generate());
        MenuItem request = new MenuItem("Show request", Icons.of(Feather.CODE, Icons.SMALL));
        request.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        request.setOnAction(event -> preview.toggle());
        window.appMenu().getItems().addAll(0, List.of(open, reloadItem, schema, new SeparatorMenuItem(), find,
                generateItem, request, new SeparatorMenuItem()));
    }

    // ---- keyboard and drag-and-drop ----------------------------------------------------------------------------

    /** Shortcuts and "drop a workflow anywhere" for the window's scene. */
    public void install(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                this::chooseAndOpen);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                formView::focusFilter);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN),
                this::generate);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                preview::toggle);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::reload);
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

    // ---- loading -----------------------------------------------------------------------------------------------

    public void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a workflow");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Workflows (API JSON, ComfyUI PNG)", "*.json", "*.png"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        lastFolder().ifPresent(chooser::setInitialDirectory);
        File file = chooser.showOpenDialog(window.root().getScene().getWindow());
        if (file != null) {
            open(file.toPath());
        }
    }

    private java.util.Optional<File> lastFolder() {
        return settings.current().recentFiles().stream().map(Path::of).map(Path::getParent)
                .filter(p -> p != null && Files.isDirectory(p)).map(Path::toFile).findFirst();
    }

    /** Opens a workflow, or an object_info.json (then the current workflow is described again with it). */
    public void open(Path file) {
        NodeSchemas current = schemas.get();
        window.setStatusMessage("Opening " + file.getFileName() + "…");
        // Either kind of file may come back; it is only known after reading, so it holds a ticket on both lines.
        LatestLoad.Ticket document = documentLoads.start();
        LatestLoad.Ticket schema = schemaLoads.start();
        executor.submit(() -> loader.open(file, current))
                .onSuccess(opened -> {
                    if (opened instanceof WorkflowLoader.OpenedWorkflow workflow) {
                        if (document.isLatest() && replaceDocument(workflow.document(), current)) {
                            settings.update(s -> s.withRecentFile(file.toAbsolutePath().toString()));
                        }
                    } else if (opened instanceof WorkflowLoader.OpenedSchemas loaded && schema.isLatest()) {
                        useSchemas(loaded.file(), loaded.schemas());
                    }
                })
                .onError(error -> {
                    if (document.isLatest()) {
                        loadFailed(file.getFileName().toString(), error);
                    }
                });
    }

    /** Re-reads the current file and re-applies the edits that still fit. */
    public void reload() {
        WorkflowDocument document = form.getDocument();
        if (document == null || document.source() == null) {
            return;
        }
        Map<app.comfydesk.workflow.InputRef, JsonNode> edits = form.getEdit().changes();
        NodeSchemas current = schemas.get();
        window.setStatusMessage("Reloading " + document.displayName() + "…");
        LatestLoad.Ticket ticket = documentLoads.start();
        executor.submit(() -> loader.load(document.source(), current))
                .onSuccess(loaded -> {
                    if (ticket.isLatest()) {
                        show(loaded, edits);
                        describeAgainIfSchemasChanged(current);
                    }
                })
                .onError(error -> ifLatest(ticket, () -> loadFailed(document.displayName(), error)));
    }

    /** The sandbox's text-to-image sample, read from the application. */
    public void loadSample() {
        loadSample(SandboxSample.TEXT_TO_IMAGE);
    }

    /**
     * Loads a sandbox sample; a restart reopens it. On the sandbox profile the jobs go to the sample's own
     * deployment, so the overrides match the graph the sandbox runs.
     */
    public void loadSample(SandboxSample sample) {
        NodeSchemas current = schemas.get();
        LatestLoad.Ticket ticket = documentLoads.start();
        executor.submit(() -> loader.loadResource(sample.resource(), sample.fileName(), current))
                .onSuccess(document -> {
                    if (ticket.isLatest() && replaceDocument(document, current)) {
                        settings.update(s -> s.withLastWorkflow(sample.marker()));
                        if (profiles.getActive() != null && profiles.getActive().sandbox()) {
                            profiles.retargetSandbox(sample.deploymentId());
                        }
                    }
                })
                .onError(error -> ifLatest(ticket, () -> loadFailed("the sandbox sample", error)));
    }

    /** Loads anything that yields a document (tests, the sandbox sample, a job's workflow). */
    public void load(Callable<WorkflowDocument> work, String what) {
        LatestLoad.Ticket ticket = documentLoads.start();
        NodeSchemas current = schemas.get();
        executor.submit(work)
                .onSuccess(document -> ifLatest(ticket, () -> replaceDocument(document, current)))
                .onError(error -> ifLatest(ticket, () -> loadFailed(what, error)));
    }

    private static void ifLatest(LatestLoad.Ticket ticket, Runnable apply) {
        if (ticket.isLatest()) {
            apply.run();
        }
    }

    /** A document described with schemas that were replaced while it loaded is described again with the new ones. */
    private void describeAgainIfSchemasChanged(NodeSchemas describedWith) {
        if (schemas.get() != describedWith) {
            redescribe();
        }
    }

    private boolean replaceDocument(WorkflowDocument document, NodeSchemas describedWith) {
        boolean shown = replaceDocument(document);
        if (shown) {
            describeAgainIfSchemasChanged(describedWith);
        }
        return shown;
    }

    /**
     * Shows a newly opened workflow in place of the current one without silently dropping edits: reopening the
     * same workflow keeps them; another one asks first while the form has changes.
     *
     * @return whether the new document is now shown
     */
    private boolean replaceDocument(WorkflowDocument document) {
        WorkflowDocument current = form.getDocument();
        int changed = form.changedCountProperty().get();
        if (current == null || changed == 0) {
            show(document, null);
            return true;
        }
        if (sameWorkflow(current, document)) {
            show(document, form.getEdit().changes());
            window.setStatusMessage(document.displayName() + " reopened; your " + changed + " edit(s) were kept");
            return true;
        }
        if (!discardConfirmation.test(new UnsavedEdits(current.displayName(), changed, document.displayName()))) {
            window.setStatusMessage("Kept editing " + current.displayName() + "; " + document.displayName()
                    + " was not opened");
            return false;
        }
        if (session != null) {
            session.discard(current);
        }
        show(document, null);
        return true;
    }

    static boolean sameWorkflow(WorkflowDocument a, WorkflowDocument b) {
        if (a.source() != null || b.source() != null) {
            return a.source() != null && b.source() != null
                    && a.source().toAbsolutePath().normalize().equals(b.source().toAbsolutePath().normalize());
        }
        return a.displayName().equals(b.displayName());
    }

    /** Tests answer the question instead of a dialog; true = discard the edits and open the other workflow. */
    public void setDiscardConfirmation(java.util.function.Predicate<UnsavedEdits> confirmation) {
        this.discardConfirmation = confirmation;
    }

    private boolean askDiscard(UnsavedEdits edits) {
        javafx.scene.control.ButtonType keep = new javafx.scene.control.ButtonType("Keep editing",
                javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType("Discard and "
                + (edits.action().equals("Opening") ? "open" : "apply"),
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType
                .CONFIRMATION, "You changed " + edits.changedInputs() + " input(s) in " + edits.currentName()
                + ". " + edits.action() + " " + edits.nextName()
                + " discards those edits (save them as a preset to keep them).",
                keep, discard);
        alert.setTitle("Discard your edits?");
        alert.setHeaderText("Discard your edits to " + edits.currentName() + "?");
        alert.initOwner(window.root().getScene() == null ? null : window.root().getScene().getWindow());
        return alert.showAndWait().filter(discard::equals).isPresent();
    }

    private void show(WorkflowDocument document, Map<app.comfydesk.workflow.InputRef, JsonNode> edits) {
        show(document, edits, false);
    }

    /** @param quiet keep the message bar as it is (a re-description after new schemas is not news) */
    private void show(WorkflowDocument document, Map<app.comfydesk.workflow.InputRef, JsonNode> edits,
            boolean quiet) {
        form.load(document);
        int skipped = edits == null || edits.isEmpty() ? 0 : form.apply(edits);
        MessageBar messages = window.messageBar();
        if (!document.warnings().isEmpty()) {
            messages.show(MessageBar.Kind.WARNING, document.displayName() + " loaded with warnings",
                    String.join(" ", document.warnings().subList(0, Math.min(3, document.warnings().size())))
                            + (document.warnings().size() > 3
                                    ? " (+" + (document.warnings().size() - 3) + " more)" : ""));
        } else if (skipped > 0) {
            messages.show(MessageBar.Kind.WARNING, "Reloaded", skipped + " edit(s) no longer match an input and "
                    + "were dropped.");
        } else if (!quiet) {
            messages.clear();
        }
        window.setStatusMessage(document.displayName() + " · " + document.workflow().nodes().size() + " nodes"
                + (schemaFile == null ? "" : " · schema " + schemaFile.getFileName()) + lastRunNote(document));
        if (session != null) {
            session.shown(document, edits == null && !quiet, restored -> window.setStatusMessage(
                    document.displayName() + " · " + restored));
        }
    }

    /** Remembers which deployment each local file was last run on (see {@link FileDeployments}); set once. */
    public void rememberDeploymentsIn(FileDeployments memory) {
        this.fileDeployments = memory;
        submit.baseline().stateProperty().addListener((obs, old, now) -> noteFileChangedSince());
    }

    /** " · last run on deployment X" when a local file was last run on another deployment than the active one. */
    private String lastRunNote(WorkflowDocument document) {
        if (fileDeployments == null || document.source() == null) {
            return "";
        }
        String active = profiles.getActive() == null ? null : profiles.getActive().deploymentId();
        return fileDeployments.lastDeployment(document.source()).filter(last -> !last.equals(active))
                .map(last -> " · last run on deployment " + last).orElse("");
    }

    /** The active deployment's stored workflow version when the baseline knows it for {@code deploymentId}. */
    private String knownVersion(String deploymentId) {
        return submit.baseline().getState() instanceof DeploymentBaseline.Known known
                && known.deploymentId().equals(deploymentId) ? known.version() : null;
    }

    /**
     * Says that {@code what} (a preset, a file's last run) was made against workflow version {@code then} of the
     * active deployment, which stores {@code now} today; nothing when either is unknown or they agree.
     */
    private void changedSince(String what, String then, String now) {
        if (then != null && now != null && !then.equals(now)) {
            window.messageBar().show(MessageBar.Kind.WARNING, "The deployment has changed since",
                    what + " was made against workflow " + DeploymentBaseline.versionLabel(then)
                            + " of this deployment; it now stores " + DeploymentBaseline.versionLabel(now)
                            + ". Check the values before you generate.");
        }
    }

    /** When the baseline becomes known for a local file last run on this deployment at another version: say so. */
    private void noteFileChangedSince() {
        WorkflowDocument document = form.getDocument();
        Profile active = profiles.getActive();
        if (fileDeployments == null || document == null || document.source() == null || active == null) {
            return;
        }
        fileDeployments.lastRun(document.source()).filter(run -> run.deploymentId().equals(active.deploymentId()))
                .ifPresent(run -> changedSince(document.displayName() + " (last run)", run.workflowVersion(),
                        knownVersion(active.deploymentId())));
    }

    /** Keeps the edits per workflow across restarts (see {@link SessionEdits}); set once by the window. */
    public void keepSessionEdits(SessionEdits keeper) {
        this.session = keeper;
    }

    /** What the quit question should add about kept edits, or null. */
    public String sessionNote() {
        return session == null ? null : session.keptNote();
    }

    private void loadFailed(String what, UserFacingError error) {
        window.setStatusMessage("");
        String kept = form.getDocument() == null ? "" : " The current form is unchanged.";
        window.messageBar().show(MessageBar.Kind.ERROR, "Could not open " + what, error.message() + kept);
    }

    // ---- object_info.json --------------------------------------------------------------------------------------

    public void chooseSchemas() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load object_info.json (node schemas of your deployment)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("object_info.json", "*.json"));
        File file = chooser.showOpenDialog(window.root().getScene().getWindow());
        if (file != null) {
            LatestLoad.Ticket ticket = schemaLoads.start();
            executor.submit(() -> loader.loadSchemas(file.toPath()))
                    .onSuccess(loaded -> ifLatest(ticket, () -> useSchemas(file.toPath(), loaded)))
                    .onError(error -> ifLatest(ticket, () -> loadFailed(file.getName(), error)));
        }
    }

    private void useSchemas(Path file, NodeSchemas loaded) {
        schemaFile = file;
        schemas.set(loaded);
        profiles.rememberObjectInfo(file.toAbsolutePath().toString());
        window.messageBar().show(MessageBar.Kind.SUCCESS, "Schemas loaded", loaded.size() + " node types from "
                + file.getFileName() + "; widgets now follow them." + (profiles.getActive() != null
                && !profiles.getActive().sandbox() ? " Remembered for this profile." : ""));
        redescribe();
    }

    /** Widgets follow schemas read from a live instance (not remembered: the next profile change reloads its own). */
    public void useLiveSchemas(NodeSchemas loaded, String from) {
        LatestLoad.Ticket ticket = schemaLoads.start();
        if (!ticket.isLatest()) {
            return;
        }
        schemaFile = null;
        schemas.set(loaded);
        window.messageBar().show(MessageBar.Kind.SUCCESS, "Schemas refreshed", loaded.size() + " node types from "
                + from + "; widgets now follow them.");
        redescribe();
    }

    private void loadProfileSchemas(Profile profile) {
        String path = profile == null ? null : profile.objectInfoPath();
        LatestLoad.Ticket ticket = schemaLoads.start();
        if (path == null) {
            if (schemas.get() != null && schemaFile != null) {
                schemaFile = null;
                schemas.set(null);
                redescribe();
            }
            return;
        }
        if (schemaFile != null && schemaFile.toString().equals(path)) {
            return;
        }
        executor.submit(() -> loader.loadSchemas(Path.of(path)))
                .onSuccess(loaded -> {
                    if (!ticket.isLatest()) {
                        return;
                    }
                    schemaFile = Path.of(path);
                    schemas.set(loaded);
                    redescribe();
                })
                .onError(error -> ifLatest(ticket, () -> window.messageBar().show(MessageBar.Kind.WARNING,
                        "The profile's object_info.json could not be read", error.message()
                                + " Widgets are inferred from the values instead.")));
    }

    /** Reads the samples' graphs (the sandbox's deployments), so the studio can tell which one a workflow is. */
    private void learnSandboxGraphs() {
        executor.submit(() -> {
            Map<String, app.comfydesk.workflow.Workflow> graphs = new java.util.LinkedHashMap<>();
            for (SandboxSample sample : SandboxSample.values()) {
                graphs.put(sample.deploymentId(),
                        loader.loadResource(sample.resource(), sample.fileName(), null).workflow());
            }
            return graphs;
        }).onSuccess(graphs -> {
            graphs.forEach(submit::knowSandboxGraph);
            followSandboxGraph();
        });
    }

    /**
     * On the sandbox, jobs go to the deployment that runs the shown graph when there is one: switching to the
     * sandbox with the image-edit sample (or a copy of it) open must not send its edits to the text-to-image graph.
     */
    private void followSandboxGraph() {
        Profile active = profiles.getActive();
        WorkflowDocument document = form.getDocument();
        // A deployment's own document already says which deployment it is (two may store the same graph).
        if (active != null && active.sandbox() && document != null && document.deployment() == null) {
            submit.sandboxDeploymentFor(document).ifPresent(profiles::retargetSandbox);
        }
    }

    private void redescribe() {
        WorkflowDocument document = form.getDocument();
        if (document == null) {
            return;
        }
        Map<app.comfydesk.workflow.InputRef, JsonNode> edits = form.getEdit().changes();
        NodeSchemas current = schemas.get();
        // Does not start a ticket of its own (a workflow still being opened stays the newest load; it is described
        // again when it lands), but applies only while no newer load started and the schemas are still these.
        LatestLoad.Ticket ticket = documentLoads.current();
        executor.submit(() -> loader.redescribe(document, current)).onSuccess(doc -> {
            if (ticket.isLatest() && form.getDocument() == document && schemas.get() == current) {
                show(doc, edits, true);
            }
        });
    }

    // ---- generate ----------------------------------------------------------------------------------------------

    public void generate() {
        String blocked = submit.getBlockedReason();
        if (blocked != null) {
            showBlockedReason();
            return;
        }
        if (submit.submittingProperty().get()) {
            return; // the shortcut while a batch is still being sent: the button is disabled for the same reason
        }
        int runs = submit.batchProperty().get();
        window.setStatusMessage(runs == 1 ? "Submitting…" : "Submitting " + runs + " jobs…");
        WorkflowDocument sent = form.getDocument();
        Profile target = profiles.getActive();
        submit.submit(outcome -> {
            if (fileDeployments != null && !outcome.accepted().isEmpty() && target != null) {
                fileDeployments.remember(sent.source(), target.deploymentId(), knownVersion(target.deploymentId()));
            }
            if (outcome.failures().isEmpty()) {
                window.setStatusMessage(outcome.accepted().size() == 1 ? "Job submitted: "
                        + outcome.accepted().get(0).requestId() : outcome.accepted().size() + " jobs submitted");
                window.messageBar().clear();
            } else {
                window.setStatusMessage(outcome.accepted().size() + " of " + (outcome.accepted().size()
                        + outcome.failures().size()) + " jobs submitted");
                window.messageBar().show(MessageBar.Kind.ERROR, outcome.failures().size() == 1
                        ? "The job was not submitted" : outcome.failures().size() + " jobs were not submitted",
                        String.join(" · ", outcome.failures().stream().distinct().toList()));
            }
        }, error -> {
            window.setStatusMessage("Not submitted"); // not "Submitting…" forever
            window.messageBar().show(MessageBar.Kind.ERROR, "Not submitted", error.message());
        });
    }

    private void showBlockedReason() {
        String reason = submit.getBlockedReason();
        if (reason != null) {
            window.messageBar().show(MessageBar.Kind.WARNING, "Cannot generate yet", reason);
            shownBlockedReason = reason;
        }
    }

    /** The "Cannot generate yet" banner follows validation: it updates as problems change and goes once fixed. */
    private void followBlockedReason(String now) {
        if (shownBlockedReason == null) {
            return;
        }
        if (!shownBlockedReason.equals(window.messageBar().currentText())) {
            shownBlockedReason = null; // another message replaced it; leave that one alone
            return;
        }
        if (now == null) {
            shownBlockedReason = null;
            window.messageBar().clear();
        } else {
            showBlockedReason();
        }
    }

    // ---- presets -----------------------------------------------------------------------------------------------

    private void refreshPresets() {
        WorkflowDocument document = form.getDocument();
        if (document == null) {
            presetNames.clear();
            return;
        }
        executor.submit(() -> presets.names(document.workflow())).onSuccess(presetNames::setAll)
                .onError(error -> window.messageBar().show(MessageBar.Kind.WARNING, "Presets unavailable",
                        error.message()));
    }

    private void askPresetName() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle("Save preset");
        dialog.setHeaderText("Save the " + form.changedCountProperty().get() + " changed input(s) as a preset");
        dialog.setContentText("Name");
        dialog.initOwner(window.root().getScene().getWindow());
        dialog.showAndWait().map(String::strip).filter(name -> !name.isEmpty()).ifPresent(this::savePreset);
    }

    public void savePreset(String name) {
        WorkflowDocument document = form.getDocument();
        WorkflowEdit edit = form.getEdit();
        if (document == null || edit == null) {
            return;
        }
        var overrides = edit.overrides();
        var changes = edit.changes();
        String version = profiles.getActive() == null ? null : knownVersion(profiles.getActive().deploymentId());
        executor.submit(() -> {
            presets.save(document.workflow(), name, overrides, version);
            return presets.names(document.workflow());
        }).onSuccess(names -> {
            keptEdits = changes;
            presetNames.setAll(names);
            window.setStatusMessage("Preset \"" + name + "\" saved");
        }).onError(error -> window.messageBar().show(MessageBar.Kind.ERROR, "Preset not saved", error.message()));
    }

    public void applyPreset(String name) {
        WorkflowDocument document = form.getDocument();
        if (document == null) {
            return;
        }
        // Edits that are not in a preset would be lost: ask first, as opening another workflow does.
        int changed = form.changedCountProperty().get();
        if (changed > 0 && !form.getEdit().changes().equals(keptEdits) && !discardConfirmation.test(
                new UnsavedEdits(document.displayName(), changed, "preset \"" + name + "\"", "Applying"))) {
            window.setStatusMessage("Kept your edits; preset \"" + name + "\" was not applied");
            return;
        }
        String now = profiles.getActive() == null ? null : knownVersion(profiles.getActive().deploymentId());
        executor.submit(() -> java.util.Map.entry(java.util.Optional.ofNullable(presets.get(document.workflow(), name)),
                java.util.Optional.ofNullable(presets.workflowVersion(document.workflow(), name)))).onSuccess(read -> {
            JsonNode overrides = read.getKey().orElse(null);
            String then = read.getValue().orElse(null);
            if (overrides == null) {
                window.messageBar().show(MessageBar.Kind.WARNING, "Preset missing", "\"" + name
                        + "\" no longer exists.");
                refreshPresets();
                return;
            }
            loadEdits(overrides);
            keptEdits = form.getEdit().changes();
            window.setStatusMessage("Preset \"" + name + "\" applied");
            changedSince("Preset \"" + name + "\"", then, now);
        }).onError(error -> window.messageBar().show(MessageBar.Kind.ERROR, "Preset not applied", error.message()));
    }

    public void deletePreset(String name) {
        WorkflowDocument document = form.getDocument();
        if (document == null) {
            return;
        }
        executor.submit(() -> {
            presets.delete(document.workflow(), name);
            return presets.names(document.workflow());
        }).onSuccess(names -> {
            presetNames.setAll(names);
            window.setStatusMessage("Preset \"" + name + "\" deleted");
        }).onError(error -> window.messageBar().show(MessageBar.Kind.ERROR, "Preset not deleted", error.message()));
    }

    /**
     * Loads a job's (or any) edits, given as overrides {@code {"<id>": {"inputs": {...}}}}, into the current form:
     * the form is reset first; inputs this workflow lacks are skipped and the count returned.
     */
    public int loadEdits(JsonNode overrides) {
        if (form.getDocument() == null || overrides == null || !overrides.isObject()) {
            return 0;
        }
        form.resetAll();
        int skipped = form.apply(PresetStore.values(overrides));
        window.setStatusMessage("Edits loaded" + (skipped == 0 ? "" : "; " + skipped
                + " input(s) not in this workflow were skipped"));
        return skipped;
    }

    public ObservableList<String> presetNames() {
        return presetNames;
    }

    /** "name — ComfyDesk" for the window title, or just "ComfyDesk" with no workflow. */
    public javafx.beans.binding.StringBinding windowTitle() {
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

    public ObjectProperty<NodeSchemas> schemasProperty() {
        return schemas;
    }
}
