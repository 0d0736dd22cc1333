package app.comfydesk.ui.workflow;

import app.comfydesk.workflow.FieldDescriptor;
import app.comfydesk.workflow.FieldKind;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.SeedMode;
import app.comfydesk.workflow.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BiConsumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One input of the form: its current value, whether it differs from the file, and what is wrong with it. Editors
 * write {@link #valueProperty()} (or {@link #inputProblemProperty()} when the typed text is not a value at all);
 * the form model turns each change into a {@code WorkflowEdit}.
 */
public final class FieldModel {

    private final FieldDescriptor descriptor;
    private final String nodeTitle;
    private final ObjectProperty<JsonNode> value;
    private final ReadOnlyBooleanWrapper changed = new ReadOnlyBooleanWrapper(this, "changed");
    private final ReadOnlyStringWrapper validationProblem = new ReadOnlyStringWrapper(this, "validationProblem");
    private final ReadOnlyObjectWrapper<Severity> severity = new ReadOnlyObjectWrapper<>(this, "severity");
    private final StringProperty inputProblem = new SimpleStringProperty(this, "inputProblem");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    /** What the server said about this input on the last submit (422001); goes when the value is edited. */
    private final ReadOnlyStringWrapper serverProblem = new ReadOnlyStringWrapper(this, "serverProblem");
    private final ObjectProperty<SeedMode> seedMode = new SimpleObjectProperty<>(this, "seedMode", SeedMode.FIXED);
    private boolean settingFromModel;

    FieldModel(FieldDescriptor descriptor, String nodeTitle, JsonNode current, BiConsumer<FieldModel, JsonNode> sink,
            Runnable inputProblemSink) {
        this.descriptor = descriptor;
        this.nodeTitle = nodeTitle;
        this.value = new SimpleObjectProperty<>(this, "value", current);
        value.addListener((obs, old, now) -> {
            serverProblem.set(null);
            if (!settingFromModel) {
                sink.accept(this, now);
            }
        });
        inputProblem.addListener((obs, old, now) -> {
            refreshProblem();
            if (!settingFromModel) {
                inputProblemSink.run();
            }
        });
        validationProblem.addListener((obs, old, now) -> refreshProblem());
        serverProblem.addListener((obs, old, now) -> refreshProblem());
    }

    /** Shows the server's word on this input (shown under it until the value changes). */
    void showServerProblem(String message) {
        serverProblem.set(message);
    }

    public FieldDescriptor descriptor() {
        return descriptor;
    }

    public InputRef ref() {
        return descriptor.ref();
    }

    public FieldKind kind() {
        return descriptor.kind();
    }

    public String name() {
        return descriptor.ref().key();
    }

    public String nodeTitle() {
        return nodeTitle;
    }

    public ObjectProperty<JsonNode> valueProperty() {
        return value;
    }

    public JsonNode getValue() {
        return value.get();
    }

    public ReadOnlyBooleanProperty changedProperty() {
        return changed.getReadOnlyProperty();
    }

    public boolean isChanged() {
        return changed.get();
    }

    /** Set by editors when the text typed is not a value of this kind; blocks submit until fixed. */
    public StringProperty inputProblemProperty() {
        return inputProblem;
    }

    /** What to show under the editor: the editor's own complaint first, else the model's validation. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Severity> severityProperty() {
        return severity.getReadOnlyProperty();
    }

    public boolean hasError() {
        return inputProblem.get() != null || severity.get() == Severity.ERROR;
    }

    public ObjectProperty<SeedMode> seedModeProperty() {
        return seedMode;
    }

    void setFromModel(JsonNode newValue, boolean isChanged) {
        settingFromModel = true;
        try {
            value.set(newValue);
            inputProblem.set(null);
        } finally {
            settingFromModel = false;
        }
        changed.set(isChanged);
    }

    void setChanged(boolean isChanged) {
        changed.set(isChanged);
    }

    void setValidation(Severity newSeverity, String message) {
        severity.set(newSeverity);
        validationProblem.set(message);
    }

    private void refreshProblem() {
        String own = inputProblem.get();
        if (own != null) {
            problem.set(own);
            return;
        }
        problem.set(validationProblem.get() != null ? validationProblem.get() : serverProblem.get());
    }

    /** Everything a filter can match: input name, node title and the value's text. */
    boolean matches(String needle) {
        return name().toLowerCase(java.util.Locale.ROOT).contains(needle)
                || JsonValues.text(value.get()).toLowerCase(java.util.Locale.ROOT).contains(needle);
    }

    @Override
    public String toString() {
        return ref() + "=" + value.get();
    }
}
