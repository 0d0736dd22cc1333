package app.comfydesk.ui.workflow;

import app.comfydesk.workflow.FieldDescriptor;
import app.comfydesk.workflow.FieldKind;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.Node;
import app.comfydesk.workflow.SeedMode;
import app.comfydesk.workflow.Seeds;
import app.comfydesk.workflow.Severity;
import app.comfydesk.workflow.ValidationProblem;
import app.comfydesk.workflow.WorkflowEdit;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The studio form's state: one {@link FieldModel} per input, grouped into node sections, with the prompts and images
 * pinned on top; the current {@link WorkflowEdit}; validation; the filter. Never touches a Node.
 */
public final class WorkflowFormModel {

    /** Sections open by default when the workflow has at most this many editable nodes. */
    static final int EXPAND_ALL_UP_TO = 12;

    private final ReadOnlyObjectWrapper<WorkflowDocument> document = new ReadOnlyObjectWrapper<>(this, "document");
    private final ReadOnlyObjectWrapper<WorkflowEdit> edit = new ReadOnlyObjectWrapper<>(this, "edit");
    private final ObservableList<FormItem> items = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty showAll = new SimpleBooleanProperty(this, "showAll");
    private final ReadOnlyIntegerWrapper changedCount = new ReadOnlyIntegerWrapper(this, "changedCount");
    private final ReadOnlyObjectWrapper<List<String>> errors = new ReadOnlyObjectWrapper<>(this, "errors", List.of());
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final Map<InputRef, FieldModel> fieldsByRef = new HashMap<>();
    private final List<NodeSectionModel> sections = new ArrayList<>();
    /** Which sections were open when the filter was typed, restored when it is cleared; null while unfiltered. */
    private java.util.Map<NodeSectionModel, Boolean> expandedBeforeFilter;
    private final List<FieldModel> prompts = new ArrayList<>();
    private final List<FieldModel> images = new ArrayList<>();
    private List<ValidationProblem> lastProblems = List.of();

    public WorkflowFormModel() {
        filter.addListener((obs, old, now) -> {
            // Filtering opens every matching section; clearing the filter gives back the sections as they were.
            boolean was = old != null && !old.isBlank();
            boolean is = now != null && !now.isBlank();
            if (!was && is) {
                expandedBeforeFilter = new java.util.IdentityHashMap<>();
                sections.forEach(section -> expandedBeforeFilter.put(section, section.expandedProperty().get()));
            }
            rebuildItems();
            if (was && !is && expandedBeforeFilter != null) {
                expandedBeforeFilter.forEach((section, open) -> section.expandedProperty().set(open));
                expandedBeforeFilter = null;
            }
        });
        showAll.addListener((obs, old, now) -> rebuildItems());
    }

    /** Shows a new workflow; the previous edits are dropped (the caller keeps the old form when loading fails). */
    public void load(WorkflowDocument loaded) {
        // A new workflow starts unfiltered, its sections as designed (not as the old filter left them).
        filter.set("");
        expandedBeforeFilter = null;
        fieldsByRef.clear();
        sections.clear();
        prompts.clear();
        images.clear();
        WorkflowEdit fresh = new WorkflowEdit(loaded.workflow(), loaded.schemas());
        edit.set(fresh);
        int editable = 0;
        for (Node node : loaded.workflow().nodes()) {
            List<FieldModel> nodeFields = new ArrayList<>();
            List<FieldModel> pinned = new ArrayList<>();
            for (FieldDescriptor descriptor : loaded.fields().getOrDefault(node.id(), List.of())) {
                FieldModel field = new FieldModel(descriptor, node.displayTitle(), fresh.value(descriptor.ref()),
                        this::onEdited, this::validate);
                fieldsByRef.put(descriptor.ref(), field);
                nodeFields.add(field);
                if (descriptor.kind() == FieldKind.TEXT) {
                    prompts.add(field);
                    pinned.add(field);
                } else if (descriptor.kind() == FieldKind.MEDIA) {
                    images.add(field);
                    pinned.add(field);
                } else if (descriptor.kind() == FieldKind.SEED) {
                    field.seedModeProperty().set(Seeds.defaultMode(descriptor.spec()));
                }
            }
            NodeSectionModel section = new NodeSectionModel(node, nodeFields, pinned);
            if (!section.isQuiet()) {
                editable++;
            }
            sections.add(section);
        }
        prompts.sort(Comparator.comparing(field -> field.descriptor().role()));
        boolean expandAll = editable <= EXPAND_ALL_UP_TO;
        sections.forEach(section -> section.expandedProperty().set(expandAll && !section.isQuiet()));
        document.set(loaded);
        changedCount.set(0);
        validate();
        rebuildItems();
    }


    public ReadOnlyObjectProperty<WorkflowDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public WorkflowDocument getDocument() {
        return document.get();
    }

    public ReadOnlyObjectProperty<WorkflowEdit> editProperty() {
        return edit.getReadOnlyProperty();
    }

    public WorkflowEdit getEdit() {
        return edit.get();
    }

    /** The rows of the form after filtering: what the list view shows. */
    public ObservableList<FormItem> items() {
        return items;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty showAllProperty() {
        return showAll;
    }

    public ReadOnlyIntegerProperty changedCountProperty() {
        return changedCount.getReadOnlyProperty();
    }

    /** Errors that block submit, each "where: what" — the summary the Generate button shows. */
    public ReadOnlyObjectProperty<List<String>> errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public List<NodeSectionModel> sections() {
        return List.copyOf(sections);
    }

    public List<FieldModel> prompts() {
        return List.copyOf(prompts);
    }

    public List<FieldModel> images() {
        return List.copyOf(images);
    }

    public Optional<FieldModel> field(InputRef ref) {
        return Optional.ofNullable(fieldsByRef.get(ref));
    }

    /** The seed inputs with the mode chosen for each (for batches). */
    public Map<InputRef, SeedMode> seedModes() {
        Map<InputRef, SeedMode> modes = new LinkedHashMap<>();
        for (FieldModel field : fieldsByRef.values()) {
            if (field.kind() == FieldKind.SEED) {
                modes.put(field.ref(), field.seedModeProperty().get());
            }
        }
        return modes;
    }

    public void reset(FieldModel field) {
        WorkflowEdit now = edit.get().reset(field.ref());
        edit.set(now);
        field.setFromModel(now.value(field.ref()), false);
        afterChange();
    }

    public void resetAll() {
        if (edit.get() == null) {
            return;
        }
        WorkflowEdit now = edit.get().resetAll();
        edit.set(now);
        for (FieldModel field : fieldsByRef.values()) {
            field.setFromModel(now.value(field.ref()), false);
        }
        afterChange();
    }

    /**
     * Applies values by address (a preset, a job's edits): inputs this workflow does not have, or that are links,
     * are skipped and counted in the result.
     */
    public int apply(Map<InputRef, JsonNode> values) {
        if (edit.get() == null) {
            return values.size();
        }
        int skipped = 0;
        WorkflowEdit now = edit.get();
        for (Map.Entry<InputRef, JsonNode> entry : values.entrySet()) {
            FieldModel field = fieldsByRef.get(entry.getKey());
            if (field == null || field.kind() == FieldKind.LINK) {
                skipped++;
                continue;
            }
            now = now.with(entry.getKey(), entry.getValue());
        }
        edit.set(now);
        for (FieldModel field : fieldsByRef.values()) {
            field.setFromModel(now.value(field.ref()), now.isChanged(field.ref()));
        }
        afterChange();
        return skipped;
    }

    private void onEdited(FieldModel field, JsonNode value) {
        if (value == null) {
            return;
        }
        WorkflowEdit now = edit.get().with(field.ref(), value);
        edit.set(now);
        field.setChanged(now.isChanged(field.ref()));
        afterChange();
    }

    private void afterChange() {
        changedCount.set(edit.get().changes().size());
        validate();
    }

    /** Runs the model's validation and adds the editors' own complaints; called after every change. */
    void validate() {
        WorkflowEdit current = edit.get();
        if (current == null) {
            errors.set(List.of());
            valid.set(true);
            return;
        }
        for (ValidationProblem old : lastProblems) {
            FieldModel field = fieldsByRef.get(old.ref());
            if (field != null) {
                field.setValidation(null, null);
            }
        }
        lastProblems = current.validate();
        List<String> blocking = new ArrayList<>();
        for (ValidationProblem problem : lastProblems) {
            FieldModel field = fieldsByRef.get(problem.ref());
            if (field != null) {
                field.setValidation(problem.severity(), problem.message());
            }
            if (problem.severity() == Severity.ERROR) {
                blocking.add(where(problem.ref()) + ": " + problem.message());
            }
        }
        for (FieldModel field : fieldsByRef.values()) {
            if (field.inputProblemProperty().get() != null) {
                blocking.add(where(field.ref()) + ": " + field.inputProblemProperty().get());
            }
        }
        errors.set(List.copyOf(blocking));
        valid.set(blocking.isEmpty());
    }

    private String where(InputRef ref) {
        FieldModel field = fieldsByRef.get(ref);
        String title = field == null ? "node " + ref.nodeId() : field.nodeTitle() + " (" + ref.nodeId() + ")";
        return title + " › " + ref.key();
    }

    private void rebuildItems() {
        if (document.get() == null) {
            items.clear();
            return;
        }
        String needle = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        boolean filtering = !needle.isEmpty();
        List<FormItem> rows = new ArrayList<>();
        List<FormItem> promptRows = new ArrayList<>();
        for (FieldModel field : prompts) {
            if (!filtering || field.matches(needle) || field.nodeTitle().toLowerCase(Locale.ROOT).contains(needle)) {
                promptRows.add(new FormItem.Prompt(field, promptLabel(field)));
            }
        }
        if (!promptRows.isEmpty()) {
            rows.add(new FormItem.Heading("Prompts", null));
            rows.addAll(promptRows);
        }
        List<FormItem> imageRows = new ArrayList<>();
        for (FieldModel field : images) {
            if (!filtering || field.matches(needle) || field.nodeTitle().toLowerCase(Locale.ROOT).contains(needle)) {
                imageRows.add(new FormItem.Image(field));
            }
        }
        if (!imageRows.isEmpty()) {
            rows.add(new FormItem.Heading("Images", null));
            rows.addAll(imageRows);
        }
        List<FormItem> sectionRows = new ArrayList<>();
        int hidden = 0;
        for (NodeSectionModel section : sections) {
            if (filtering ? !section.matches(needle) : section.isQuiet() && !showAll.get()) {
                hidden++;
                continue;
            }
            if (filtering) {
                section.expandedProperty().set(true);
            }
            sectionRows.add(new FormItem.Section(section));
        }
        rows.add(new FormItem.Heading("Nodes", hidden == 0 ? null : hidden + " hidden"));
        rows.addAll(sectionRows);
        items.setAll(rows);
    }

    static String promptLabel(FieldModel field) {
        String role = switch (field.descriptor().role()) {
            case POSITIVE -> "Positive";
            case NEGATIVE -> "Negative";
            default -> field.name().substring(0, 1).toUpperCase(Locale.ROOT) + field.name().substring(1);
        };
        return role + "  ·  " + field.nodeTitle() + " (" + field.ref().nodeId() + ")";
    }
}
