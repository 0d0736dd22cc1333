package app.comfydesk.ui.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.ComboBox;

/**
 * A drop-down of the schema's options that also takes a typed value not in the list (the model warns about it).
 * Long lists filter as you type. Non-text options (numbers) keep their JSON type when picked.
 */
final class ComboEditor extends ComboBox<String> {

    static final int SEARCHABLE_FROM = 12;

    private final FieldModel field;
    private final List<JsonNode> options;
    private boolean updating;

    ComboEditor(FieldModel field, List<JsonNode> options) {
        this.field = field;
        this.options = options;
        getStyleClass().add("combo-editor");
        setEditable(true);
        setMaxWidth(Double.MAX_VALUE);
        ObservableList<String> all = FXCollections.observableArrayList();
        options.forEach(option -> all.add(JsonValues.text(option)));
        FilteredList<String> shown = new FilteredList<>(all, any -> true);
        setItems(shown);
        setVisibleRowCount(12);
        // Opened with nothing to pick, the list says why instead of showing an empty box.
        javafx.scene.control.Label none = new javafx.scene.control.Label(all.isEmpty()
                ? "No choices known for this input. Type a value, or load your deployment's object_info.json "
                        + "(workflow menu) to pick from its list."
                : "No choice matches what you typed.");
        none.setWrapText(true);
        none.setMaxWidth(320);
        none.getStyleClass().add("combo-placeholder");
        setPlaceholder(none);
        show(field.getValue());
        field.valueProperty().addListener((obs, old, now) -> {
            if (!updating) {
                show(now);
            }
        });
        valueProperty().addListener((obs, old, now) -> {
            if (!updating && now != null) {
                commit(now);
            }
        });
        if (all.size() > SEARCHABLE_FROM) {
            getEditor().textProperty().addListener((obs, old, typed) -> {
                if (updating || !getEditor().isFocused()) {
                    return;
                }
                String needle = typed == null ? "" : typed.toLowerCase(Locale.ROOT);
                shown.setPredicate(item -> needle.isEmpty() || item.toLowerCase(Locale.ROOT).contains(needle));
                if (!shown.isEmpty() && !isShowing()) {
                    show();
                }
            });
            setOnHidden(event -> shown.setPredicate(any -> true));
        }
        // An editable combo commits typed text on Enter or focus loss; do the same for focus loss explicitly.
        getEditor().focusedProperty().addListener((obs, old, focused) -> {
            if (!focused && !getEditor().getText().equals(getValue())) {
                setValue(getEditor().getText());
            }
        });
    }

    private void commit(String text) {
        updating = true;
        try {
            JsonNode value = options.stream().filter(option -> JsonValues.text(option).equals(text)).findFirst()
                    .orElse(TextNode.valueOf(text));
            field.valueProperty().set(value);
        } finally {
            updating = false;
        }
    }

    private void show(JsonNode value) {
        updating = true;
        try {
            setValue(JsonValues.text(value));
            getEditor().setText(JsonValues.text(value));
        } finally {
            updating = false;
        }
    }
}
