package app.comfydesk.ui.sweep;

import app.comfydesk.ui.workflow.FieldModel;
import app.comfydesk.workflow.ComboSpec;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.WorkflowEdit;
import app.comfydesk.workflow.variations.AxisGrammar;
import app.comfydesk.workflow.variations.SweepAxis;
import app.comfydesk.workflow.variations.VariationException;
import app.comfydesk.workflow.variations.Wildcards;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One axis of the sweep editor: the input it varies and its values as text ({@link AxisGrammar}: a list, a range,
 * combo options, S/R). The text is parsed against the form's current edit; the grammar's message is the axis's
 * problem, shown under it.
 */
public final class SweepAxisModel {

    private final ObjectProperty<FieldModel> input = new SimpleObjectProperty<>(this, "input");
    private final StringProperty values = new SimpleStringProperty(this, "values", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyObjectWrapper<SweepAxis> axis = new ReadOnlyObjectWrapper<>(this, "axis");

    public ObjectProperty<FieldModel> inputProperty() {
        return input;
    }

    public StringProperty valuesProperty() {
        return values;
    }

    /** Why the values cannot be used (the grammar's message), null when they parse. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The parsed axis, null while there is a problem. */
    public ReadOnlyObjectProperty<SweepAxis> axisProperty() {
        return axis.getReadOnlyProperty();
    }

    /** Parses the values against {@code base} (the form's edit). */
    void parse(WorkflowEdit base, Wildcards wildcards) {
        FieldModel field = input.get();
        String text = values.get() == null ? "" : values.get().strip();
        if (field == null) {
            fail("Choose the input this axis varies");
        } else if (base == null) {
            fail("Open a workflow first");
        } else if (text.isEmpty()) {
            fail(field.ref() + ": type its values: a list (4,6,8), a range (4..8:2 or 0.5..1#3), options, or "
                    + "S/R:word,other");
        } else {
            try {
                axis.set(SweepAxis.parse(base, field.ref(), text, wildcards));
                problem.set(null);
            } catch (VariationException e) {
                fail(e.getMessage());
            }
        }
    }

    private void fail(String message) {
        axis.set(null);
        problem.set(message);
    }

    /** The options of a combo input (as they are written in a list), empty for other inputs. */
    public List<String> options() {
        FieldModel field = input.get();
        if (field == null || !(field.descriptor().spec() instanceof ComboSpec combo)) {
            return List.of();
        }
        return combo.options().stream().map(SweepAxisModel::label).toList();
    }

    /** The options chosen in the values, for ticking them in the options menu. */
    public List<String> chosenOptions() {
        SweepAxis parsed = axis.get();
        if (parsed == null) {
            return List.of();
        }
        return parsed.values().stream().map(v -> v.label()).toList();
    }

    /** Writes {@code chosen} (combo options) as the axis's list, each quoted where the list would misread it. */
    public void useOptions(List<String> chosen) {
        values.set(chosen.stream().map(SweepAxisModel::listItem).collect(Collectors.joining(", ")));
    }

    /** Writes a numeric range: {@code from..to:step}, or {@code from..to#count} when {@code byCount}. */
    public void useRange(String from, String to, String stepOrCount, boolean byCount) {
        for (String part : List.of(from, to, stepOrCount)) {
            try {
                new BigDecimal(part.strip());
            } catch (NumberFormatException e) {
                fail("\"" + part + "\" is not a number; a range needs numbers for from, to and "
                        + (byCount ? "count" : "step"));
                return;
            }
        }
        values.set(from.strip() + ".." + to.strip() + (byCount ? "#" : ":") + stepOrCount.strip());
    }

    private static String label(JsonNode option) {
        return option.isTextual() ? option.asText() : ExactJson.write(option);
    }

    /** A text item as a list writes it: as is when it reads back as that text, else as a JSON string. */
    static String listItem(String text) {
        boolean readsBack = !text.isBlank() && text.strip().equals(text) && !text.contains(",")
                && AxisGrammar.literal(text).equals(TextNode.valueOf(text));
        return readsBack ? text : ExactJson.write(TextNode.valueOf(text));
    }
}
