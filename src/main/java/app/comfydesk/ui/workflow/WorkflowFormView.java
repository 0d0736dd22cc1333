package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.Icons;
import app.comfydesk.ui.common.Tooltips;
import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.IdentityHashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The generated form (#workflowForm): a filter row, then a virtualized list — pinned Prompts and Images, then one
 * collapsible section per node whose contents are built the first time it is shown open. Only the rows on screen
 * exist as controls, so a 2,000-node workflow costs what a 20-node one does.
 */
public final class WorkflowFormView extends VBox {

    private final WorkflowFormModel model;
    private final FieldEditors editors;
    private final ListView<FormItem> list = new ListView<>();
    private final CustomTextField filterField = new CustomTextField();
    /** The first row on screen when the filter was typed, or -1. */
    private int scrollBeforeFilter = -1;
    private final HBox header;
    /** Built rows by item; items are rebuilt per load and filter, so identity keys are right and cheap. */
    private final Map<Object, Node> built = new IdentityHashMap<>();

    private static final String FILTER_PROMPT = "Filter nodes and inputs  (Ctrl+F)";
    private static final String FILTER_PROMPT_SHORT = "Filter  (Ctrl+F)";

    /** Whether {@code prompt} fits the filter field at {@code width}, beside its search icon. */
    private boolean fits(String prompt, double width) {
        javafx.scene.text.Text text = new javafx.scene.text.Text(prompt);
        text.setFont(filterField.getFont());
        double icon = filterField.getLeft() == null ? 0 : filterField.getLeft().prefWidth(-1) + 8;
        return text.getLayoutBounds().getWidth() + icon + filterField.snappedLeftInset()
                + filterField.snappedRightInset() <= width;
    }

    public WorkflowFormView(WorkflowFormModel model, BackgroundExecutor executor, ImageInputs imageInputs,
            Node presetsControl) {
        this.model = model;
        this.editors = new FieldEditors(model, executor, imageInputs);
        setId("workflowForm");
        getStyleClass().add("workflow-form");

        filterField.setId("filterField");
        filterField.setPromptText(FILTER_PROMPT);
        // A narrow form column (1280×720) cut the hint mid-word ("… (C"): the short one fits there.
        filterField.widthProperty().addListener((obs, old, width) -> filterField.setPromptText(
                fits(FILTER_PROMPT, width.doubleValue()) ? FILTER_PROMPT : FILTER_PROMPT_SHORT));
        filterField.setLeft(Icons.of(Feather.SEARCH, Icons.SMALL));
        filterField.textProperty().bindBidirectional(model.filterProperty());
        filterField.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                filterField.clear();
                list.requestFocus();
            }
        });
        HBox.setHgrow(filterField, Priority.ALWAYS);
        ToggleButton showAll = new ToggleButton(null, Icons.of(Feather.LAYERS, Icons.SMALL));
        showAll.setId("showAllToggle");
        showAll.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        Tooltips.onHover(showAll, "Show all nodes and connections");
        showAll.selectedProperty().bindBidirectional(model.showAllProperty());
        Button resetAll = new Button(null, Icons.of(Feather.ROTATE_CCW, Icons.SMALL));
        resetAll.setId("resetAllButton");
        resetAll.getStyleClass().addAll(Styles.FLAT, Styles.SMALL, "reset-all");
        resetAll.textProperty().bind(Bindings.createStringBinding(
                () -> model.changedCountProperty().get() + " changed", model.changedCountProperty()));
        // Hidden, not removed: the filter field must not jump when the first edit makes "N changed" appear.
        resetAll.visibleProperty().bind(model.changedCountProperty().greaterThan(0));
        Tooltips.onHover(resetAll, "Reset all inputs to the workflow's values");
        resetAll.setOnAction(event -> model.resetAll());
        header = new HBox(6, filterField, resetAll, presetsControl, showAll);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("form-header");

        list.setId("formList");
        list.getStyleClass().addAll("form-list", Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        list.setItems(model.items());
        list.setCellFactory(view -> new FormCell());
        list.setFocusTraversable(false);
        VBox.setVgrow(list, Priority.ALWAYS);
        model.documentProperty().addListener((obs, old, now) -> {
            built.clear();
            scrollBeforeFilter = -1;
            list.scrollTo(0);
        });
        // Results start at the top; clearing the filter returns to where the unfiltered form was.
        model.filterProperty().addListener((obs, old, now) -> {
            boolean was = old != null && !old.isBlank();
            boolean is = now != null && !now.isBlank();
            if (!was && is) {
                scrollBeforeFilter = firstVisibleIndex();
            }
            if (is) {
                list.scrollTo(0);
            } else if (was) {
                list.scrollTo(Math.max(0, scrollBeforeFilter));
                scrollBeforeFilter = -1;
            }
        });
        model.items().addListener((javafx.collections.ListChangeListener<FormItem>) change -> pruneBuilt());
        getChildren().addAll(header, list);
    }

    private int firstVisibleIndex() {
        if (list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow
                && flow.getFirstVisibleCell() != null) {
            return flow.getFirstVisibleCell().getIndex();
        }
        return 0;
    }

    /** For tests: the first row on screen. */
    int firstVisibleRow() {
        return firstVisibleIndex();
    }

    public void focusFilter() {
        filterField.requestFocus();
        filterField.selectAll();
    }

    ListView<FormItem> list() {
        return list;
    }

    /** Keeps built rows only for items still listed (filtering creates new item records). */
    private void pruneBuilt() {
        if (built.size() > 4 * Math.max(64, model.items().size())) {
            java.util.Set<Object> live = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            model.items().forEach(item -> live.add(key(item)));
            built.keySet().retainAll(live);
        }
    }

    /** Rows are cached by the model object they show (a section or field), not by the item record. */
    private static Object key(FormItem item) {
        if (item instanceof FormItem.Prompt prompt) {
            return prompt.field();
        }
        if (item instanceof FormItem.Image image) {
            return image.field();
        }
        if (item instanceof FormItem.Section section) {
            return section.section();
        }
        return item;
    }

    private Node rowFor(FormItem item) {
        return built.computeIfAbsent(key(item), any -> build(item));
    }

    private Node build(FormItem item) {
        if (item instanceof FormItem.Prompt prompt) {
            return prompt(prompt);
        }
        if (item instanceof FormItem.Image image) {
            return image(image);
        }
        if (item instanceof FormItem.Section section) {
            return section(section.section());
        }
        return heading((FormItem.Heading) item);
    }

    private Node heading(FormItem.Heading heading) {
        Label title = new Label(heading.text().toUpperCase(java.util.Locale.ROOT));
        title.getStyleClass().add("area-heading");
        HBox box = new HBox(8, title);
        box.setAlignment(Pos.CENTER_LEFT);
        if (heading.detail() != null) {
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            Label detail = new Label(heading.detail());
            detail.getStyleClass().add("area-heading-detail");
            box.getChildren().addAll(spacer, detail);
        }
        box.getStyleClass().add("area-heading-row");
        return box;
    }

    private Node prompt(FormItem.Prompt item) {
        FieldModel field = item.field();
        Label label = new Label(item.label());
        label.getStyleClass().add("prompt-label");
        switch (field.descriptor().role()) {
            case POSITIVE -> label.getStyleClass().add("positive");
            case NEGATIVE -> label.getStyleClass().add("negative");
            default -> { }
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, label, spacer, editors.marks().changeMarker(field));
        top.setAlignment(Pos.CENTER_LEFT);
        TextArea area = FieldEditors.textArea(field, true);
        area.setId("prompt-" + field.ref().nodeId() + "-" + field.ref().key());
        VBox card = new VBox(4, top, area);
        editors.marks().addProblemText(field, card);
        card.getStyleClass().add("prompt-card");
        editors.sweepMenu(card, area, field);
        return card;
    }

    private Node image(FormItem.Image item) {
        FieldModel field = item.field();
        Label label = new Label(field.nodeTitle() + " (" + field.ref().nodeId() + ") · " + field.name());
        label.getStyleClass().add("prompt-label");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, label, spacer, editors.marks().changeMarker(field));
        top.setAlignment(Pos.CENTER_LEFT);
        Node zone = editors.editor(field);
        zone.setId("image-" + field.ref().nodeId() + "-" + field.ref().key());
        VBox card = new VBox(4, top, zone);
        editors.marks().addProblemText(field, card);
        card.getStyleClass().add("image-card");
        return card;
    }

    private Node section(NodeSectionModel section) {
        FontIcon chevron = Icons.of(Feather.CHEVRON_RIGHT, Icons.SMALL);
        chevron.getStyleClass().add("chevron");
        Label title = new Label(section.title());
        title.getStyleClass().add("section-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        String classInfo = section.title().equals(section.node().classType())
                ? "#" + section.node().id() : section.node().classType() + " · #" + section.node().id();
        Label info = new Label(classInfo);
        info.getStyleClass().add("section-info");
        info.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label changed = new Label();
        changed.getStyleClass().add("changed-badge");
        changed.textProperty().bind(section.changedCountProperty().asString());
        changed.visibleProperty().bind(section.changedCountProperty().greaterThan(0));
        changed.managedProperty().bind(changed.visibleProperty());
        Tooltips.onHover(changed, "Changed inputs in this node");
        Label errors = new Label(null, Icons.of(Feather.ALERT_CIRCLE, Icons.SMALL));
        errors.getStyleClass().add("error-badge");
        errors.textProperty().bind(section.errorCountProperty().asString());
        errors.visibleProperty().bind(section.errorCountProperty().greaterThan(0));
        errors.managedProperty().bind(errors.visibleProperty());
        HBox head = new HBox(8, chevron, title, info, spacer, errors, changed);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("section-header");
        VBox body = new VBox(6);
        body.getStyleClass().add("section-body");
        VBox box = new VBox(head);
        box.getStyleClass().add("node-section");
        Runnable refresh = () -> {
            boolean open = section.expandedProperty().get();
            chevron.setIconCode(open ? Feather.CHEVRON_DOWN : Feather.CHEVRON_RIGHT);
            if (open && body.getChildren().isEmpty()) {
                fillBody(section, body);
            }
            if (open && !box.getChildren().contains(body)) {
                box.getChildren().add(body);
            } else if (!open) {
                box.getChildren().remove(body);
            }
        };
        section.expandedProperty().addListener((obs, old, now) -> refresh.run());
        model.showAllProperty().addListener((obs, old, now) -> {
            body.getChildren().clear();
            refresh.run();
        });
        head.setOnMouseClicked(event -> section.expandedProperty().set(!section.expandedProperty().get()));
        refresh.run();
        return box;
    }

    private void fillBody(NodeSectionModel section, VBox body) {
        var fields = model.showAllProperty().get() ? section.fields() : section.sectionFields();
        for (FieldModel field : fields) {
            Node row = editors.row(field);
            row.setId("field-" + field.ref().nodeId() + "-" + field.ref().key());
            body.getChildren().add(row);
        }
        if (fields.isEmpty()) {
            Label none = new Label("Nothing to edit here: its inputs are connections or shown above.");
            none.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            body.getChildren().add(none);
        }
    }

    private final class FormCell extends ListCell<FormItem> {
        FormCell() {
            getStyleClass().add("form-cell");
            setPrefWidth(0); // never wider than the list: rows wrap instead of scrolling sideways
            // Rows are editors, not selectable items: keep the list's selection behaviour away from clicks, which
            // otherwise re-selects the cell between press and release and swallows clicks on buttons inside it.
            addEventHandler(javafx.scene.input.MouseEvent.ANY, javafx.event.Event::consume);
        }

        @Override
        protected void updateItem(FormItem item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            Node row = rowFor(item);
            if (row instanceof Region region) {
                region.prefWidthProperty().unbind();
                region.prefWidthProperty().bind(list.widthProperty().subtract(30));
            }
            setGraphic(row);
        }

        /**
         * The row's height at the width it is given: the default asks the graphic with no width, so a wrapping
         * message (a long validation text) would be cut to one line.
         */
        @Override
        protected double computePrefHeight(double width) {
            if (getGraphic() instanceof Region region && region.getPrefWidth() > 0) {
                return snappedTopInset() + region.prefHeight(region.getPrefWidth()) + snappedBottomInset();
            }
            return super.computePrefHeight(width);
        }
    }

    /** "Sweep this input…" in each editable input's context menu runs {@code action} with the input. */
    public void setOnSweepInput(java.util.function.Consumer<FieldModel> action) {
        editors.setOnSweepInput(action);
    }
}
