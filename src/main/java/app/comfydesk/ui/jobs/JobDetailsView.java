package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.StatusChange;
import app.comfydesk.ui.common.Tooltips;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The details pane ({@code #jobDetails}) for the focused job: overview (facts, the readable error, the status
 * timeline with queue positions), the edits it was submitted with, and the raw stored JSON.
 */
final class JobDetailsView extends StackPane {

    private final JobMonitorViewModel model;
    private final Consumer<String> copy;
    private final TabPane tabs = new TabPane();
    private final VBox overview = new VBox(14);
    private final TextArea edits = monospace("editsText");
    private final TextArea raw = monospace("rawJsonText");
    private String outcomeInstance;
    private String outcomeText = "";
    private final Label empty = new Label("Select a job to see its timeline, error and edits");

    JobDetailsView(JobMonitorViewModel model, Consumer<String> copy) {
        this.model = model;
        this.copy = copy;
        setId("jobDetails");
        getStyleClass().add("job-details");
        overview.getStyleClass().add("details-overview");
        ScrollPane scroll = new ScrollPane(overview);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        Tab overviewTab = new Tab("Overview", scroll);
        Tab editsTab = new Tab("Edits", edits);
        Tab rawTab = new Tab("Raw JSON", raw);
        tabs.getTabs().setAll(overviewTab, editsTab, rawTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        empty.getStyleClass().add("viewer-empty");
        model.detailsProperty().addListener((obs, old, now) -> show(now));
        show(model.detailsProperty().get());
    }

    private void show(JobDetails details) {
        if (details == null) {
            getChildren().setAll(empty);
            return;
        }
        getChildren().setAll(tabs);
        JobRow row = details.row();
        Instant now = model.nowProperty().get();

        Label title = new Label("Job #" + row.id());
        title.getStyleClass().add("details-title");
        StatusChip chip = new StatusChip();
        chip.show(row, now);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, chip, spacer);
        header.setAlignment(Pos.CENTER_LEFT);

        GridPane facts = new GridPane();
        facts.getStyleClass().add("details-facts");
        facts.setHgap(12);
        facts.setVgap(4);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setHalignment(HPos.RIGHT);
        keys.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        facts.getColumnConstraints().setAll(keys, values);
        int line = 0;
        if (row.requestId() == null) {
            line = fact(facts, line, "Request id", missingRequestId(row), null);
        } else {
            line = selectableFact(facts, line, "Request id", row.requestId(), "requestIdValue");
        }
        line = fact(facts, line, "Deployment", row.target(), null);
        if (details.workflowVersion() != null) {
            line = fact(facts, line, "Workflow", workflowVersionText(details), "workflowVersionValue");
        }
        if (row.waitingForGpu()) {
            line = fact(facts, line, "Instance", "none yet · " + Formats.waitingText(row, now, true),
                    "instanceValue");
        } else {
            line = fact(facts, line, "Instance", details.instanceId() == null ? "—" : details.instanceId(),
                    "instanceValue");
        }
        if (row.seed() != null) {
            line = seedFact(facts, line, row.seed());
        }
        line = fact(facts, line, "Created", Formats.fullTime(row.createdAt()), null);
        line = fact(facts, line, "Duration", Formats.duration(row.duration(now)), null);
        Duration running = row.runningFor(now);
        if (running != null) {
            line = fact(facts, line, "Ran for", Formats.duration(running), null);
        }
        if (details.outputs().isEmpty()) {
            line = fact(facts, line, "Outputs", "none saved", null);
        } else {
            line = fact(facts, line, "Outputs", details.outputs().size() + " saved", null);
            line = selectableFact(facts, line, "Folder", String.valueOf(details.outputFolder()), "outputFolderValue");
        }
        if (!row.prompt().isEmpty()) {
            fact(facts, line, "Prompt", row.prompt(), null);
        }

        overview.getChildren().setAll(header, facts);
        ErrorReport error = details.error();
        if (error != null) {
            overview.getChildren().add(errorBox(error));
        }
        if (!details.texts().isEmpty()) {
            overview.getChildren().addAll(sectionTitle("Text outputs"), textOutputs(details));
        }
        Node instance = instanceActions(details);
        if (instance != null) {
            overview.getChildren().add(instance);
        }
        overview.getChildren().addAll(sectionTitle("Timeline"), timeline(details));
        edits.setText(details.editsJson() == null ? "(submitted without edits)" : details.editsJson());
        raw.setText(details.rawJson() == null ? "" : details.rawJson());
    }

    /** Each text output's strings, selectable, under its node id (#textOutputs). */
    private static Node textOutputs(JobDetails details) {
        VBox box = new VBox(6);
        box.setId("textOutputs");
        details.texts().forEach((node, text) -> {
            Label title = new Label("Node " + node);
            title.getStyleClass().add("fact-key");
            TextArea area = new TextArea(text);
            area.setEditable(false);
            area.setWrapText(true);
            area.setPrefRowCount(Math.min(6, Math.max(2, (int) text.lines().count())));
            area.getStyleClass().add("text-output");
            box.getChildren().addAll(title, area);
        });
        return box;
    }

    /**
     * On a job whose instance is alive (it has one and has not ended): free the GPU's memory, or read the schemas
     * from the live ComfyUI. Each says how it went next to the buttons.
     */
    private Node instanceActions(JobDetails details) {
        InstanceActions actions = model.instanceActionsProperty().get();
        JobRow row = details.row();
        if (actions == null || details.instanceId() == null || row.phase().isTerminal()) {
            return null;
        }
        Label outcome = new Label(details.instanceId().equals(outcomeInstance) ? outcomeText : "");
        outcome.setId("instanceActionOutcome");
        outcome.setWrapText(true);
        outcome.getStyleClass().add("fact-value");
        Button free = new Button("Free GPU memory", new FontIcon(Feather.CPU));
        free.setId("freeMemoryButton");
        free.getStyleClass().addAll("flat", "small");
        Button schema = new Button("Refresh schema from the live instance", new FontIcon(Feather.REFRESH_CW));
        schema.setId("refreshSchemaButton");
        schema.getStyleClass().addAll("flat", "small");
        String instance = details.instanceId();
        free.setOnAction(event -> run(actions.freeMemory(row.target(), instance), instance));
        schema.setOnAction(event -> run(actions.refreshSchema(row.target(), instance), instance));
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(6, 4, free, schema);
        VBox box = new VBox(4, sectionTitle("Instance " + details.instanceId()), buttons, outcome);
        box.setId("instanceActions");
        return box;
    }

    /** The outcome outlives the overview, which is rebuilt on every poll that changes the job. */
    private void run(java.util.concurrent.CompletionStage<String> action, String instance) {
        showOutcome(instance, "Working…");
        model.background().follow(action).onSuccess(text -> showOutcome(instance, text))
                .onError(error -> showOutcome(instance, "Failed: " + error.message()));
    }

    private void showOutcome(String instance, String text) {
        outcomeInstance = instance;
        outcomeText = text;
        if (overview.lookup("#instanceActionOutcome") instanceof Label shown) {
            shown.setText(text);
        }
    }

    private Node errorBox(ErrorReport error) {
        FontIcon icon = new FontIcon(Feather.ALERT_OCTAGON);
        icon.getStyleClass().add("error-icon");
        Label message = new Label(error.message());
        message.setId("errorMessage");
        message.getStyleClass().add("error-message");
        message.setWrapText(true);
        Button copyError = new Button("Copy error", new FontIcon(Feather.COPY));
        copyError.setId("copyErrorButton");
        copyError.getStyleClass().addAll("flat", "small");
        copyError.setOnAction(event -> copy.accept(model.focusedErrorText()));
        VBox box = new VBox(6, new HBox(8, icon, message));
        if (error.nodeId() != null || error.nodeClass() != null) {
            Label node = new Label("Node " + (error.nodeId() == null ? "?" : error.nodeId())
                    + (error.nodeClass() == null ? "" : " · " + error.nodeClass())
                    + (error.errorType() == null ? "" : " · " + error.errorType()));
            node.setId("errorNode");
            node.getStyleClass().add("error-node");
            box.getChildren().add(node);
        }
        if (error.traceback() != null) {
            TextArea trace = monospace("tracebackText");
            trace.setText(error.traceback());
            trace.setPrefRowCount(10);
            TitledPane traceback = new TitledPane("Traceback", trace);
            traceback.setId("tracebackPane");
            traceback.setExpanded(false);
            box.getChildren().add(traceback);
        }
        box.getChildren().add(copyError);
        box.getStyleClass().add("error-box");
        box.setId("errorBox");
        return box;
    }

    /**
     * The status timeline as a grid: icon, phase, and the time with its step. In a narrow pane both wrap at their
     * spaces ("Running · on" above "sandbox-f85deaf9-1"); the phase's first word keeps its width, so it is never cut
     * to "Que…". A phase that insisted on its whole width made the pane wider than itself, pushing "Use this seed"
     * and the values out of sight at 1280×720.
     */
    private Node timeline(JobDetails details) {
        GridPane steps = new GridPane();
        steps.setId("timeline");
        steps.getStyleClass().add("timeline");
        steps.setHgap(8);
        steps.setVgap(2);
        ColumnConstraints icons = new ColumnConstraints();
        icons.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints phases = new ColumnConstraints();
        ColumnConstraints times = new ColumnConstraints();
        times.setHgrow(Priority.ALWAYS);
        steps.getColumnConstraints().setAll(icons, phases, times);
        Instant previous = null;
        int line = 0;
        for (StatusChange change : details.history()) {
            FontIcon dot = new FontIcon(StatusLook.icon(change.status()));
            dot.getStyleClass().addAll("timeline-icon", StatusLook.styleClass(change.status()));
            Label phase = new Label(StatusLook.label(change.status())
                    + (change.queuePosition() == null ? "" : " · " + Formats.queuePlace(change.queuePosition()))
                    + (change.instanceId() == null || change.status() == JobStatus.QUEUED ? ""
                    : " · on " + change.instanceId()));
            phase.getStyleClass().add("timeline-phase");
            phase.setWrapText(true);
            phase.minWidthProperty().bind(firstWordWidth(phase));
            Label at = new Label(Formats.fullTime(change.at())
                    + (previous == null || change.at() == null ? ""
                    : "  +" + Formats.duration(Duration.between(previous, change.at()))));
            at.getStyleClass().add("timeline-time");
            at.setWrapText(true);
            if (change.note() != null && !change.note().isBlank()) {
                Tooltip.install(phase, new Tooltip(change.note()));
            }
            steps.addRow(line++, dot, phase, at);
            previous = change.at() == null ? previous : change.at();
        }
        if (steps.getChildren().isEmpty()) {
            steps.add(new Label("No status changes recorded yet"), 0, 0, 3, 1);
        }
        return steps;
    }

    /** The width of the label's first word in its font (known once CSS has set it), plus its insets. */
    private static javafx.beans.binding.DoubleBinding firstWordWidth(Label label) {
        return javafx.beans.binding.Bindings.createDoubleBinding(() -> {
            javafx.scene.text.Text word = new javafx.scene.text.Text(label.getText().split(" ", 2)[0]);
            word.setFont(label.getFont());
            return Math.ceil(word.getLayoutBounds().getWidth() + label.snappedLeftInset()
                    + label.snappedRightInset()) + 1;
        }, label.fontProperty(), label.paddingProperty());
    }

    private static int fact(GridPane grid, int line, String key, String value, String id) {
        Label keyLabel = new Label(key);
        keyLabel.getStyleClass().add("fact-key");
        Label valueLabel = new Label(value);
        valueLabel.getStyleClass().add("fact-value");
        valueLabel.setWrapText(true);
        if (id != null) {
            valueLabel.setId(id);
        }
        grid.addRow(line, keyLabel, valueLabel);
        return line + 1;
    }

    /**
     * A value people copy (request id, folder): monospace, selectable, never broken mid-word; a long one scrolls
     * inside its field and shows in full in the tooltip.
     */
    private static int selectableFact(GridPane grid, int line, String key, String value, String id) {
        Label keyLabel = new Label(key);
        keyLabel.getStyleClass().add("fact-key");
        TextField valueField = new TextField(value);
        valueField.setId(id);
        valueField.setEditable(false);
        valueField.setPrefColumnCount(8);
        valueField.setMinWidth(0);
        valueField.setTooltip(new Tooltip(value));
        valueField.getStyleClass().addAll("mono-text", "selectable-value");
        grid.addRow(line, keyLabel, valueField);
        return line + 1;
    }

    /** The seed the job sent, selectable, with "Use this seed" beside it (puts it into the form, fixed). */
    private int seedFact(GridPane grid, int line, String seed) {
        Label keyLabel = new Label("Seed");
        keyLabel.getStyleClass().add("fact-key");
        TextField value = new TextField(seed);
        value.setId("seedValue");
        value.setEditable(false);
        value.setPrefColumnCount(12);
        value.setMinWidth(0);
        value.getStyleClass().addAll("mono-text", "selectable-value");
        javafx.scene.control.Button use = new javafx.scene.control.Button("Use this seed");
        use.setId("useSeedButton");
        use.getStyleClass().add("small");
        use.setMinWidth(Region.USE_PREF_SIZE);
        Tooltips.onHover(use, "Put this seed into the form, fixed (Ctrl+Shift+E)");
        use.setOnAction(event -> model.useSeedInForm());
        use.setDisable(model.whyNot(JobAction.USE_SEED) != null);
        HBox.setHgrow(value, Priority.ALWAYS);
        HBox box = new HBox(6, value, use);
        box.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(line, keyLabel, box);
        return line + 1;
    }

    private static Label sectionTitle(String text) {
        Label label = new Label(text.toUpperCase(java.util.Locale.ROOT));
        label.getStyleClass().add("section-title");
        return label;
    }

    private static TextArea monospace(String id) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("mono-text");
        return area;
    }

    /** "v2", or "v2 · the deployment has changed since (now v3)". */
    private String workflowVersionText(JobDetails details) {
        var current = model.currentWorkflowVersionProperty().get();
        String now = current == null ? null : current.apply(details.row().target());
        String made = versionLabel(details.workflowVersion());
        return now == null || now.equals(details.workflowVersion()) ? made
                : made + " · the deployment has changed since (now " + versionLabel(now) + ")";
    }

    private static String versionLabel(String version) {
        return !version.isEmpty() && Character.isDigit(version.charAt(0)) ? "v" + version : version;
    }

    /** Why a job has no request id, in its own state's words: "not assigned yet" only while it is being sent. */
    static String missingRequestId(JobRow row) {
        return switch (row.phase()) {
            case SUBMITTING -> "not assigned yet (being submitted)";
            case SUBMISSION_UNCERTAIN -> "unknown: the submit got no answer, so the job may exist on the server";
            case FAILED -> "none: not submitted" + (row.errorSummary() == null || row.errorSummary().isBlank()
                    ? "" : " (" + row.errorSummary() + ")");
            case CANCELLED -> "none: cancelled before it was submitted";
            default -> "none: not submitted";
        };
    }
}
