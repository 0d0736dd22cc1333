package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.Tooltips;
import app.comfydesk.workflow.BooleanSpec;
import app.comfydesk.workflow.ComboSpec;
import app.comfydesk.workflow.FieldKind;
import app.comfydesk.workflow.FieldValues;
import app.comfydesk.workflow.FloatSpec;
import app.comfydesk.workflow.InputSpec;
import app.comfydesk.workflow.IntSpec;
import app.comfydesk.workflow.StringSpec;
import app.comfydesk.workflow.UploadSpec;
import app.comfydesk.workflow.Workflow;
import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Builds the editor for one input from its kind: the only place that maps {@code FieldKind} to controls. */
final class FieldEditors {

    /** Integer inputs whose whole range is at most this wide get a slider. */
    static final BigDecimal SLIDER_RANGE = BigDecimal.valueOf(200);
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");

    private final WorkflowFormModel form;
    private final BackgroundExecutor executor;
    private final ImageInputs imageInputs;
    private final FieldMarks marks;
    /** What "Sweep this input…" does; null hides the item (no sweep window yet). */
    private Consumer<FieldModel> onSweepInput;

    FieldEditors(WorkflowFormModel form, BackgroundExecutor executor, ImageInputs imageInputs) {
        this.form = form;
        this.executor = executor;
        this.imageInputs = imageInputs;
        this.marks = new FieldMarks(form);
    }

    /** The changed marks and problem texts of the rows this builds (the prompt and image cards use them too). */
    FieldMarks marks() {
        return marks;
    }

    /** A labelled row: name, editor, changed dot, reset; the problem underneath. */
    Node row(FieldModel field) {
        Label name = new Label(field.name());
        name.getStyleClass().add("field-name");
        name.setMinWidth(Region.USE_PREF_SIZE);
        name.setPrefWidth(118);
        name.setMaxWidth(118);
        InputSpec spec = field.descriptor().spec();
        if (spec != null && spec.tooltip() != null && !spec.tooltip().isBlank()) {
            Tooltips.onHover(name, spec.tooltip(), () -> tooltip(spec.tooltip()));
        }
        Node editor = editor(field);
        HBox.setHgrow(editor, Priority.ALWAYS);
        if (editor instanceof Region region) {
            // Share the row's width instead of insisting on the widest option: a narrow form column must not push
            // the reset button out of sight. A seed asks for room for its 20 digits.
            region.setMinWidth(60);
            region.setPrefWidth(editor instanceof SeedField ? Region.USE_COMPUTED_SIZE : 160);
            region.setMaxWidth(Double.MAX_VALUE);
        }
        NumberField number = numberFieldIn(editor);
        if (number != null) {
            scrubbable(name, number);
        }
        HBox line = new HBox(8, name, editor, marks.changeMarker(field));
        line.setAlignment(Pos.CENTER_LEFT);
        VBox row = new VBox(2, line);
        marks.addProblemText(field, row);
        row.getStyleClass().add("field-row");
        sweepMenu(row, editor, field);
        return row;
    }

    void setOnSweepInput(Consumer<FieldModel> action) {
        onSweepInput = action;
    }

    void sweepMenu(Node row, Node editor, FieldModel field) {
        SweepInputMenu.attach(row, editor, field, () -> onSweepInput);
    }

    private static NumberField numberFieldIn(Node editor) {
        if (editor instanceof NumberField number) {
            return number;
        }
        if (editor instanceof HBox box) {
            return box.getChildren().stream().filter(NumberField.class::isInstance).map(NumberField.class::cast)
                    .findFirst().orElse(null);
        }
        return null;
    }

    /** Dragging a number's label left or right changes it one step per 6 pixels (Shift: ten steps). */
    private static void scrubbable(Label name, NumberField number) {
        name.getStyleClass().add("scrub-label");
        name.setCursor(javafx.scene.Cursor.H_RESIZE);
        double[] anchor = new double[1];
        name.setOnMousePressed(event -> anchor[0] = event.getScreenX());
        name.setOnMouseDragged(event -> {
            int steps = (int) ((event.getScreenX() - anchor[0]) / 6);
            if (steps != 0) {
                anchor[0] += steps * 6;
                for (int i = 0; i < Math.abs(steps); i++) {
                    number.nudge(steps, event.isShiftDown());
                }
            }
        });
    }

    Node editor(FieldModel field) {
        Node editor = switch (field.kind()) {
            case INT -> integerEditor(field);
            case FLOAT -> decimalEditor(field);
            case SEED -> new SeedField(field);
            case COMBO -> new ComboEditor(field, options(field.descriptor().spec()));
            case TEXT -> textArea(field, false);
            case STRING -> textField(field);
            case BOOLEAN -> toggle(field);
            case MEDIA -> new ImageDropZone(field, executor, imageInputs, false);
            case JSON -> jsonEditor(field);
            case LINK -> link(field);
        };
        decorate(editor, field);
        return editor;
    }

    /** Danger/warning outline on the editor while its input has a problem. */
    private static void decorate(Node editor, FieldModel field) {
        Runnable refresh = () -> {
            boolean error = field.hasError();
            boolean warning = !error && field.problemProperty().get() != null;
            editor.pseudoClassStateChanged(Styles.STATE_DANGER, error);
            editor.pseudoClassStateChanged(Styles.STATE_WARNING, warning);
        };
        field.problemProperty().addListener((obs, old, now) -> refresh.run());
        field.severityProperty().addListener((obs, old, now) -> refresh.run());
        field.changedProperty().addListener((obs, old, now) -> editor.pseudoClassStateChanged(CHANGED, now));
        refresh.run();
    }

    private Node integerEditor(FieldModel field) {
        IntSpec spec = field.descriptor().spec() instanceof IntSpec s ? s : null;
        BigDecimal min = spec == null || spec.min() == null ? null : new BigDecimal(spec.min());
        BigDecimal max = spec == null || spec.max() == null ? null : new BigDecimal(spec.max());
        BigDecimal step = spec == null || spec.step() == null ? null : new BigDecimal(spec.step());
        NumberField number = new NumberField(field, true, min, max, step, null);
        if (min != null && max != null && max.subtract(min).compareTo(SLIDER_RANGE) <= 0
                && max.compareTo(min) > 0) {
            return withSlider(field, number, min, max, step);
        }
        return number;
    }

    private Node decimalEditor(FieldModel field) {
        FloatSpec spec = field.descriptor().spec() instanceof FloatSpec s ? s : null;
        return new NumberField(field, false, spec == null ? null : spec.min(), spec == null ? null : spec.max(),
                spec == null ? null : spec.step(), spec == null ? null : spec.round());
    }

    private static Node withSlider(FieldModel field, NumberField number, BigDecimal min, BigDecimal max,
            BigDecimal step) {
        Slider slider = new Slider(min.doubleValue(), max.doubleValue(), min.doubleValue());
        slider.getStyleClass().add(Styles.SMALL);
        slider.setBlockIncrement(step == null ? 1 : step.doubleValue());
        slider.setMajorTickUnit(step == null ? 1 : step.doubleValue());
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        number.setPrefColumnCount(5);
        number.setMaxWidth(80);
        boolean[] updating = {false};
        Runnable show = () -> {
            BigDecimal value = number.current();
            if (value != null) {
                updating[0] = true;
                slider.setValue(value.doubleValue());
                updating[0] = false;
            }
        };
        show.run();
        field.valueProperty().addListener((obs, old, now) -> show.run());
        slider.valueProperty().addListener((obs, old, now) -> {
            if (updating[0]) {
                return;
            }
            long rounded = Math.round(now.doubleValue());
            BigDecimal current = number.current();
            if (current == null || current.longValue() != rounded) {
                field.inputProblemProperty().set(null);
                field.valueProperty().set(JsonValues.integer(java.math.BigInteger.valueOf(rounded)));
            }
        });
        HBox.setHgrow(slider, Priority.ALWAYS);
        HBox box = new HBox(8, number, slider);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    static TextArea textArea(FieldModel field, boolean prompt) {
        TextArea area = new TextArea();
        area.setWrapText(true);
        area.getStyleClass().add(prompt ? "prompt-area" : "text-area-editor");
        area.setPrefRowCount(prompt ? 4 : 3);
        if (field.descriptor().spec() instanceof StringSpec spec && spec.placeholder() != null) {
            area.setPromptText(spec.placeholder());
        }
        bindText(area, field);
        // Grow with the content up to a limit, so long prompts stay readable without an inner scroll bar. A fixed
        // height per row count, because a list cell asks for its height before the text area's skin exists.
        double line = prompt ? 24 : 21;
        Runnable size = () -> {
            double height = rows(area.getText(), prompt) * line + 20;
            area.setMinHeight(height);
            area.setPrefHeight(height);
        };
        area.textProperty().addListener((obs, old, now) -> size.run());
        size.run();
        return area;
    }

    private static int rows(String text, boolean prompt) {
        int lines = text == null ? 1 : (int) text.lines().count() + text.length() / 60;
        return Math.max(prompt ? 3 : 2, Math.min(prompt ? 12 : 8, lines + 1));
    }

    private static TextField textField(FieldModel field) {
        TextField text = new TextField();
        bindText(text, field);
        return text;
    }

    /** Two-way between a text control and a string input; non-text values are written back as text. */
    static void bindText(TextInputControl control, FieldModel field) {
        boolean[] updating = {false};
        control.setText(JsonValues.text(field.getValue()));
        field.valueProperty().addListener((obs, old, now) -> {
            if (!updating[0]) {
                updating[0] = true;
                control.setText(JsonValues.text(now));
                updating[0] = false;
            }
        });
        control.textProperty().addListener((obs, old, now) -> {
            if (!updating[0]) {
                updating[0] = true;
                field.valueProperty().set(TextNode.valueOf(now));
                updating[0] = false;
            }
        });
    }

    private static Node toggle(FieldModel field) {
        ToggleSwitch toggle = new ToggleSwitch();
        BooleanSpec spec = field.descriptor().spec() instanceof BooleanSpec s ? s : null;
        toggle.setSelected(field.getValue() != null && field.getValue().asBoolean());
        Runnable label = () -> toggle.setText(spec == null ? null
                : toggle.isSelected() ? spec.labelOn() : spec.labelOff());
        label.run();
        field.valueProperty().addListener((obs, old, now) -> toggle.setSelected(now != null && now.asBoolean()));
        toggle.selectedProperty().addListener((obs, old, now) -> {
            label.run();
            JsonNode current = field.getValue();
            if (current == null || current.asBoolean() != now || !current.isBoolean()) {
                field.valueProperty().set(BooleanNode.valueOf(now));
            }
        });
        return toggle;
    }

    private static Node jsonEditor(FieldModel field) {
        TextArea area = new TextArea(JsonValues.pretty(field.getValue()));
        area.getStyleClass().add("json-editor");
        double height = Math.min(8, Math.max(2, area.getText().lines().count())) * 20 + 20;
        area.setMinHeight(height);
        area.setPrefHeight(height);
        boolean[] updating = {false};
        field.valueProperty().addListener((obs, old, now) -> {
            if (!updating[0]) {
                updating[0] = true;
                area.setText(JsonValues.pretty(now));
                updating[0] = false;
            }
        });
        area.textProperty().addListener((obs, old, now) -> {
            if (updating[0]) {
                return;
            }
            if (now.isBlank()) {
                field.inputProblemProperty().set("Enter a JSON value, for example {} or [].");
                return;
            }
            try {
                JsonNode parsed = FieldValues.fromText(FieldKind.JSON, now);
                field.inputProblemProperty().set(null);
                updating[0] = true;
                field.valueProperty().set(parsed);
                updating[0] = false;
            } catch (IllegalArgumentException e) {
                field.inputProblemProperty().set(e.getMessage());
            }
        });
        return area;
    }

    private Node link(FieldModel field) {
        JsonNode original = field.descriptor().original();
        String target = "?";
        if (original != null && original.isArray() && original.size() == 2) {
            String nodeId = original.get(0).asText();
            Workflow workflow = form.getDocument().workflow();
            target = workflow.node(nodeId).map(node -> node.displayTitle() + " (" + nodeId + ")")
                    .orElse("missing node " + nodeId);
        }
        Label label = new Label("← " + target);
        label.getStyleClass().add("link-label");
        return label;
    }

    static List<JsonNode> options(InputSpec spec) {
        if (spec instanceof ComboSpec combo) {
            return combo.options();
        }
        if (spec instanceof UploadSpec upload && upload.options() != null) {
            return upload.options();
        }
        return List.of();
    }

    static Tooltip tooltip(String text) {
        Tooltip tooltip = new Tooltip(text);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(360);
        return tooltip;
    }

    static javafx.beans.binding.StringBinding countText(javafx.beans.value.ObservableIntegerValue count,
            String singular) {
        return Bindings.createStringBinding(() -> count.get() + " " + singular + (count.get() == 1 ? "" : "s"), count);
    }
}
