package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.ui.gallery.OutputActions;
import app.comfydesk.ui.gallery.OutputItem;
import app.comfydesk.ui.gallery.ThumbnailCache;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The job table ({@code #jobTable}): virtualized rows over the view model's lazy list, one column per fact, sorted
 * by the store (the sort policy hands the column to the view model instead of sorting in memory).
 */
final class JobTable extends TableView<JobItem> {

    /** The sort arrow and its gap beside a header's title. */
    private static final double SORT_ARROW_ROOM = 22;
    /** The vertical scroll bar and borders, which the columns do not get. */
    private static final double CHROME = 20;

    private final JobMonitorViewModel model;
    private final ThumbnailCache thumbnails;
    private final java.util.List<TableColumn<JobItem, ?>> dropWhenNarrow;
    private boolean headersMeasured;

    JobTable(JobMonitorViewModel model, ThumbnailCache thumbnails) {
        this.model = model;
        this.thumbnails = thumbnails;
        setId("jobTable");
        getStyleClass().addAll("job-table");
        setItems(model.rows());
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setFixedCellSize(48);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("No jobs match. Generate something, or change the filter.");
        empty.getStyleClass().add("viewer-empty");
        setPlaceholder(empty);

        setRowFactory(ignored -> draggableRow());
        TableColumn<JobItem, JobItem> thumbnail = column("", null, 64, this::renderThumbnail);
        thumbnail.setSortable(false);
        thumbnail.setResizable(false);
        thumbnail.getStyleClass().add("thumbnail-column");
        TableColumn<JobItem, JobItem> status = column("Status", JobQuery.Sort.STATUS, 150, (cell, row) -> {
            StatusChip chip = cell.getGraphic() instanceof StatusChip existing ? existing : new StatusChip();
            chip.show(row, model.nowProperty().get());
            cell.setGraphic(chip);
        });
        TableColumn<JobItem, JobItem> created = column("Created", JobQuery.Sort.CREATED, 100,
                (cell, row) -> cell.setText(Formats.time(row.createdAt(), model.nowProperty().get())));
        TableColumn<JobItem, JobItem> duration = column("Duration", JobQuery.Sort.DURATION, 92,
                (cell, row) -> cell.setText(Formats.duration(row.duration(model.nowProperty().get()))));
        duration.getStyleClass().add("numeric-column");
        TableColumn<JobItem, JobItem> prompt = column("Prompt", JobQuery.Sort.PROMPT, 300,
                (cell, row) -> cell.setText((row.group() == null ? "" : row.group().label())
                        + (row.errorSummary() != null && row.prompt().isEmpty() ? row.errorSummary() : row.prompt())));
        TableColumn<JobItem, JobItem> target = column("Deployment", JobQuery.Sort.DEPLOYMENT, 140,
                (cell, row) -> cell.setText(row.target()));
        TableColumn<JobItem, JobItem> requestId = column("Request id", JobQuery.Sort.REQUEST_ID, 130,
                (cell, row) -> cell.setText(row.requestId() == null ? "—" : row.requestId()));
        requestId.getStyleClass().add("mono-column");
        // The seed each job sent ("Use this seed" puts it back); not sortable: the store keeps it as text.
        TableColumn<JobItem, JobItem> seed = column("Seed", null, 110,
                (cell, row) -> cell.setText(row.seed() == null ? "—" : row.seed()));
        seed.setId("columnSeed");
        seed.setSortable(false);
        seed.setMinWidth(60);
        seed.getStyleClass().add("mono-column");
        getColumns().setAll(java.util.List.of(thumbnail, status, created, duration, prompt, seed, target,
                requestId));
        // Least useful first: the details pane shows both, so a narrow table (details open, a small screen) drops
        // them rather than eliding every header ("Cre…", "Dur…").
        dropWhenNarrow = java.util.List.of(requestId, seed, target);
        widthProperty().addListener(obs -> fitColumns());

        created.setSortType(TableColumn.SortType.DESCENDING);
        getSortOrder().setAll(java.util.List.of(created));
        Map<TableColumn<JobItem, ?>, JobQuery.Sort> sortable = Map.of(status, JobQuery.Sort.STATUS,
                created, JobQuery.Sort.CREATED, duration, JobQuery.Sort.DURATION, prompt, JobQuery.Sort.PROMPT,
                target, JobQuery.Sort.DEPLOYMENT, requestId, JobQuery.Sort.REQUEST_ID);
        setSortPolicy(table -> {
            if (getSortOrder().isEmpty()) {
                model.sortBy(JobQuery.Sort.CREATED, true);
            } else {
                TableColumn<JobItem, ?> first = getSortOrder().get(0);
                model.sortBy(sortable.getOrDefault(first, JobQuery.Sort.CREATED),
                        first.getSortType() == TableColumn.SortType.DESCENDING);
            }
            return true;
        });
    }

    /**
     * Once the headers exist, each column's minimum becomes what its title needs (with room for the sort arrow), so
     * the constrained policy never squeezes a header into "Cre…"; the fonts come from the theme, so this is measured,
     * not guessed.
     */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (!headersMeasured) {
            for (javafx.scene.Node node : lookupAll(".column-header")) {
                if (node instanceof javafx.scene.control.skin.TableColumnHeader header
                        && header.getTableColumn() != null && !header.getTableColumn().getText().isEmpty()
                        && header.lookup(".label") instanceof Label label && label.getFont() != null) {
                    javafx.scene.text.Text text = new javafx.scene.text.Text(label.getText());
                    text.setFont(label.getFont());
                    double needed = Math.ceil(text.getLayoutBounds().getWidth() + header.snappedLeftInset()
                            + header.snappedRightInset() + label.snappedLeftInset() + label.snappedRightInset()
                            + SORT_ARROW_ROOM);
                    javafx.scene.control.TableColumnBase<?, ?> column = header.getTableColumn();
                    column.setMinWidth(Math.max(column.getMinWidth(), needed));
                    headersMeasured = true;
                }
            }
            if (headersMeasured) {
                fitColumns();
                // The columns were fitted to the width before these minimums existed, and raising a minimum does
                // not fit them again: until the next resize the last one ran past the edge ("Re…" of "Request id").
                getColumnResizePolicy().call(new ResizeFeatures<>(this, null, 0.0));
            }
        }
    }

    /** Hides the low-value columns, least useful first, while the rest would not fit at their minimum widths. */
    private void fitColumns() {
        double room = getWidth() - CHROME;
        if (room <= 0) {
            return;
        }
        double needed = getColumns().stream().filter(c -> !dropWhenNarrow.contains(c))
                .mapToDouble(TableColumn::getMinWidth).sum();
        // Shown again in reverse order of dropping: the deployment before the request id.
        for (int i = dropWhenNarrow.size() - 1; i >= 0; i--) {
            TableColumn<JobItem, ?> column = dropWhenNarrow.get(i);
            boolean fits = needed + column.getMinWidth() <= room;
            column.setVisible(fits);
            if (fits) {
                needed += column.getMinWidth();
            } else {
                for (int j = i - 1; j >= 0; j--) {
                    dropWhenNarrow.get(j).setVisible(false);
                }
                break;
            }
        }
    }

    /** A row can be dragged out (to the form's image inputs or other apps) as its first output file. */
    private static TableRow<JobItem> draggableRow() {
        TableRow<JobItem> row = new TableRow<>();
        row.setOnDragDetected(event -> {
            JobRow job = row.getItem() == null ? null : row.getItem().row();
            if (job == null || job.firstOutput() == null) {
                return;
            }
            ClipboardContent content = new ClipboardContent();
            OutputActions.fill(content, OutputItem.of(job.firstOutput()));
            row.startDragAndDrop(TransferMode.COPY).setContent(content);
            event.consume();
        });
        return row;
    }

    private TableColumn<JobItem, JobItem> column(String title, JobQuery.Sort key, double width,
                                                 BiConsumer<TableCell<JobItem, JobItem>, JobRow> render) {
        TableColumn<JobItem, JobItem> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        // Chips, times and durations must stay readable; the rest (prompt, deployment, request id) can narrow to a
        // few characters, so that with the details pane open every column still fits beside it (mins sum to 538 px).
        column.setMinWidth(switch (key == null ? JobQuery.Sort.STATUS : key) {
            case STATUS -> width;
            case CREATED -> 76;
            case DURATION -> 68;
            default -> 60;
        });
        column.setCellValueFactory(features -> new ReadOnlyObjectWrapper<>(features.getValue()));
        column.setCellFactory(ignored -> new RowCell(render));
        if (key != null) {
            // The ids predate the store's sort names: the deployment column stays #columnTARGET.
            column.setId("column" + (key == JobQuery.Sort.DEPLOYMENT ? "TARGET" : key.name()));
        }
        return column;
    }

    private void renderThumbnail(TableCell<JobItem, JobItem> cell, JobRow row) {
        RowThumbnail box = cell.getGraphic() instanceof RowThumbnail existing ? existing : new RowThumbnail();
        cell.setGraphic(box);
        box.show(row, thumbnails, () -> cell.getItem() == null ? null : cell.getItem().row());
    }

    /** The row's picture: the first output's thumbnail, or an icon saying why there is none. Built once per cell. */
    private static final class RowThumbnail extends StackPane {
        private final ImageView view = new ImageView();
        private final FontIcon fallback = new FontIcon(Feather.IMAGE);
        private String fallbackStyle = "";

        RowThumbnail() {
            getStyleClass().add("row-thumbnail");
            view.setFitWidth(40);
            view.setFitHeight(40);
            view.setPreserveRatio(true);
            getChildren().addAll(fallback, view);
        }

        void show(JobRow row, ThumbnailCache thumbnails, java.util.function.Supplier<JobRow> current) {
            java.nio.file.Path file = row.firstOutput();
            view.setImage(file == null ? null : thumbnails.cached(file));
            if (file != null && view.getImage() == null) {
                thumbnails.load(file, image -> {
                    JobRow now = current.get();
                    if (now != null && file.equals(now.firstOutput())) {
                        view.setImage(image);
                    }
                });
            }
            String style = file != null ? "row-thumbnail-pending" : row.phase() == JobStatus.FAILED
                    ? "row-thumbnail-failed" : row.phase().isActive() ? "row-thumbnail-pending" : "row-thumbnail-none";
            if (!style.equals(fallbackStyle)) {
                fallback.getStyleClass().remove(fallbackStyle);
                fallback.getStyleClass().add(style);
                fallback.setIconCode(row.phase() == JobStatus.FAILED && file == null ? Feather.ALERT_TRIANGLE
                        : Feather.IMAGE);
                fallbackStyle = style;
            }
        }
    }

    /**
     * A cell that follows its slot's snapshot: repaints when the job changes (in place, no list event) and, for
     * jobs still going, when the clock ticks.
     */
    private final class RowCell extends TableCell<JobItem, JobItem> {

        private final BiConsumer<TableCell<JobItem, JobItem>, JobRow> render;
        private final ChangeListener<JobRow> onRowChange = (obs, old, now) -> repaint();
        private final InvalidationListener onTick = obs -> {
            JobRow row = getItem() == null ? null : getItem().row();
            if (row != null && row.phase().isActive()) {
                repaint();
            }
        };
        private JobItem bound;

        RowCell(BiConsumer<TableCell<JobItem, JobItem>, JobRow> render) {
            this.render = render;
            // Weak: the table drops cells when it rebuilds them; the clock must not keep them alive.
            model.nowProperty().addListener(new WeakInvalidationListener(onTick));
        }

        @Override
        protected void updateItem(JobItem item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                bound.rowProperty().removeListener(onRowChange);
            }
            bound = empty ? null : item;
            if (bound != null) {
                bound.rowProperty().addListener(onRowChange);
            }
            repaint();
        }

        private void repaint() {
            JobRow row = bound == null ? null : bound.row();
            // Graphics are kept and hidden, not dropped: rebuilding nodes on every scroll costs CSS passes.
            if (getGraphic() != null) {
                getGraphic().setVisible(row != null);
            }
            if (row == null) {
                setText(null);
                return;
            }
            render.accept(this, row);
        }
    }
}
