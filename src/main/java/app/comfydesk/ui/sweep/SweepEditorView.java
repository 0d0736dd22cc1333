package app.comfydesk.ui.sweep;

import app.comfydesk.ui.workflow.FieldModel;
import app.comfydesk.workflow.FieldKind;
import app.comfydesk.workflow.variations.Sweep;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The sweep editor ({@code #sweepEditor}): one box per axis (input, values, the combo's options or a range helper,
 * the grammar's message under it), then the batch per cell, the seed policy, the in-flight limit and the summary
 * with the number of jobs and the time estimate.
 */
public final class SweepEditorView extends VBox {

    private final SweepEditorModel model;
    private final VBox axisBoxes = new VBox(8);
    private final VBox footer;

    public SweepEditorView(SweepEditorModel model, Button runButton) {
        this.model = model;
        setId("sweepEditor");
        getStyleClass().add("sweep-editor");
        Label heading = new Label("Sweep: every combination of the values below");
        heading.getStyleClass().add("title-4");
        heading.setWrapText(true);
        Button add = new Button("Add axis");
        add.setId("sweepAddAxis");
        add.disableProperty().bind(Bindings.size(model.axes()).greaterThanOrEqualTo(Sweep.MAX_AXES));
        add.setOnAction(event -> model.addAxis(null));
        model.axes().addListener((ListChangeListener<SweepAxisModel>) change -> showAxes());
        showAxes();

        Spinner<Integer> batch = new Spinner<>(1, 100, model.batchProperty().get());
        batch.setId("sweepBatch");
        batch.setEditable(true);
        batch.setPrefWidth(80);
        batch.valueProperty().addListener((obs, old, now) -> model.batchProperty().set(now == null ? 1 : now));
        model.batchProperty().addListener((obs, old, now) -> batch.getValueFactory().setValue(now.intValue()));
        ChoiceBox<SeedPolicy> seeds = new ChoiceBox<>();
        seeds.setId("sweepSeeds");
        seeds.getItems().setAll(SeedPolicy.values());
        seeds.valueProperty().bindBidirectional(model.seedsProperty());
        Spinner<Integer> inFlight = new Spinner<>(1, SweepEditorModel.MAX_IN_FLIGHT,
                model.maxInFlightProperty().get());
        inFlight.setId("sweepInFlight");
        inFlight.setEditable(true);
        inFlight.setPrefWidth(80);
        inFlight.valueProperty().addListener((obs, old, now) -> model.maxInFlightProperty().set(now == null ? 1
                : now));
        model.maxInFlightProperty().addListener((obs, old, now) -> inFlight.getValueFactory()
                .setValue(now.intValue()));
        GridPane options = new GridPane();
        options.setHgap(8);
        options.setVgap(6);
        options.addRow(0, fullLabel("Runs per cell"), batch);
        options.addRow(1, fullLabel("Seeds"), seeds);
        options.addRow(2, fullLabel("At most in flight"), inFlight);

        Label summary = new Label();
        summary.setId("sweepSummary");
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the editor above scrolls, not this
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add("sweep-summary");
        summary.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("problem"), false);
        model.problemProperty().addListener((obs, old, now) -> {
            summary.getStyleClass().remove("sweep-problem");
            if (now != null) {
                summary.getStyleClass().add("sweep-problem");
            }
        });
        runButton.disableProperty().bind(model.sweepProperty().isNull());
        HBox actions = new HBox(8, runButton);
        actions.setAlignment(Pos.CENTER_LEFT);
        footer = new VBox(8, summary, actions);
        footer.getStyleClass().add("sweep-editor-footer");
        getChildren().addAll(heading, axisBoxes, add, options);
    }

    /**
     * The summary and the Run button, for the window to pin under the scrolling editor: however many axes and
     * however long the estimate, Run stays on screen.
     */
    public VBox footer() {
        return footer;
    }

    private void showAxes() {
        List<VBox> boxes = new ArrayList<>();
        for (int i = 0; i < model.axes().size(); i++) {
            boxes.add(axisBox(i, model.axes().get(i)));
        }
        axisBoxes.getChildren().setAll(boxes);
    }

    private VBox axisBox(int index, SweepAxisModel axis) {
        String name = Sweep.axisName(index);
        Label axisName = new Label(name);
        axisName.getStyleClass().add("sweep-axis-name");
        ComboBox<FieldModel> input = new ComboBox<>();
        input.setId("sweepInput-" + name);
        input.getItems().setAll(model.sweepable());
        input.setCellFactory(list -> fieldCell());
        input.setButtonCell(fieldCell());
        input.valueProperty().bindBidirectional(axis.inputProperty());
        input.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(input, Priority.ALWAYS);
        Button remove = new Button("✕");
        remove.setId("sweepRemove-" + name);
        remove.getStyleClass().add("flat");
        remove.setOnAction(event -> model.removeAxis(axis));
        HBox top = new HBox(6, axisName, input, remove);
        top.setAlignment(Pos.CENTER_LEFT);

        TextField values = new TextField();
        values.setId("sweepValues-" + name);
        values.setPromptText("4,6,8 · 4..8:2 · 0.5..1#3 · S/R:fox,cat");
        values.textProperty().bindBidirectional(axis.valuesProperty());
        HBox.setHgrow(values, Priority.ALWAYS);
        HBox valueRow = new HBox(6, values, helper(axis));
        valueRow.setAlignment(Pos.CENTER_LEFT);

        Label problem = new Label();
        problem.setId("sweepProblem-" + name);
        problem.getStyleClass().add("sweep-axis-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(axis.problemProperty());
        problem.visibleProperty().bind(axis.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        Label count = new Label();
        count.getStyleClass().add("sweep-hint");
        count.textProperty().bind(Bindings.createStringBinding(() -> axis.axisProperty().get() == null ? ""
                : axis.axisProperty().get().size() + " values: " + String.join(", ", axis.axisProperty().get()
                .values().stream().limit(8).map(v -> v.label()).toList())
                + (axis.axisProperty().get().size() > 8 ? ", …" : ""), axis.axisProperty()));
        count.visibleProperty().bind(axis.axisProperty().isNotNull());
        count.managedProperty().bind(count.visibleProperty());
        VBox box = new VBox(6, top, valueRow, problem, count);
        box.getStyleClass().add("sweep-axis");
        return box;
    }

    /** Options of a combo input to tick, or a range builder for a number. */
    private javafx.scene.Node helper(SweepAxisModel axis) {
        MenuButton menu = new MenuButton("Options");
        menu.setId("sweepOptions-" + Sweep.axisName(model.axes().indexOf(axis)));
        menu.setOnShowing(event -> {
            List<String> chosen = axis.chosenOptions();
            menu.getItems().clear();
            FieldModel field = axis.inputProperty().get();
            if (field != null && (field.kind() == FieldKind.INT || field.kind() == FieldKind.FLOAT
                    || field.kind() == FieldKind.SEED)) {
                String now = field.getValue() == null ? "0" : field.getValue().asText();
                for (String range : List.of(now + ".." + now + ":1", now + ".." + now + "#3")) {
                    javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem("Range " + range);
                    item.setOnAction(e -> axis.valuesProperty().set(range));
                    menu.getItems().add(item);
                }
            }
            for (String option : axis.options()) {
                CheckMenuItem item = new CheckMenuItem(option);
                item.setSelected(chosen.contains(option));
                item.setOnAction(e -> {
                    List<String> next = new ArrayList<>(axis.options().stream().filter(o -> o.equals(option)
                            ? item.isSelected() : axis.chosenOptions().contains(o)).toList());
                    axis.useOptions(next);
                });
                menu.getItems().add(item);
            }
            if (menu.getItems().isEmpty()) {
                menu.getItems().add(new javafx.scene.control.MenuItem("Type the values: a,b,c or S/R:word,other"));
            }
        });
        return menu;
    }

    /** A label that keeps its whole text (the spinners beside it give way instead). */
    private static Label fullLabel(String text) {
        Label label = new Label(text);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }

    private static ListCell<FieldModel> fieldCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(FieldModel field, boolean empty) {
                super.updateItem(field, empty);
                setText(empty || field == null ? null : field.nodeTitle() + " · " + field.name() + "  ("
                        + field.ref() + ")");
            }
        };
    }
}
