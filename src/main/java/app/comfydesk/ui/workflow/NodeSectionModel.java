package app.comfydesk.ui.workflow;

import app.comfydesk.workflow.FieldKind;
import app.comfydesk.workflow.Node;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One node of the workflow in the form: its inputs, how many are changed, whether its section is open. Inputs
 * shown in the pinned Prompts / Images areas are listed here too but only shown with "show all".
 */
public final class NodeSectionModel {

    private final Node node;
    private final List<FieldModel> fields;
    private final List<FieldModel> sectionFields;
    private final ReadOnlyIntegerWrapper changedCount = new ReadOnlyIntegerWrapper(this, "changedCount");
    private final ReadOnlyIntegerWrapper errorCount = new ReadOnlyIntegerWrapper(this, "errorCount");
    private final BooleanProperty expanded = new SimpleBooleanProperty(this, "expanded");
    private final String searchText;

    NodeSectionModel(Node node, List<FieldModel> fields, List<FieldModel> pinned) {
        this.node = node;
        this.fields = List.copyOf(fields);
        this.sectionFields = fields.stream()
                .filter(field -> field.kind() != FieldKind.LINK && !pinned.contains(field)).toList();
        this.searchText = (node.displayTitle() + " " + node.classType() + " #" + node.id()).toLowerCase(Locale.ROOT);
        for (FieldModel field : fields) {
            field.changedProperty().addListener((obs, old, now) -> recount());
            field.problemProperty().addListener((obs, old, now) -> recount());
        }
    }

    public Node node() {
        return node;
    }

    public String title() {
        return node.displayTitle();
    }

    /** Every input, links and pinned prompts included. */
    public List<FieldModel> fields() {
        return fields;
    }

    /** The inputs edited in this section (not links, not the ones pinned above). */
    public List<FieldModel> sectionFields() {
        return sectionFields;
    }

    /** Nothing to edit here: hidden unless "show all nodes" is on. */
    public boolean isQuiet() {
        return sectionFields.isEmpty();
    }

    public ReadOnlyIntegerProperty changedCountProperty() {
        return changedCount.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty errorCountProperty() {
        return errorCount.getReadOnlyProperty();
    }

    public BooleanProperty expandedProperty() {
        return expanded;
    }

    boolean matches(String needle) {
        return searchText.contains(needle) || fields.stream().anyMatch(field -> field.matches(needle));
    }

    private void recount() {
        changedCount.set((int) fields.stream().filter(FieldModel::isChanged).count());
        errorCount.set((int) fields.stream().filter(FieldModel::hasError).count());
    }
}
