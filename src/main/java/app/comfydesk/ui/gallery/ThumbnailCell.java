package app.comfydesk.ui.gallery;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** One tile of the output grid: thumbnail (from the cache, decoded off the FX thread), caption, drag source. */
final class ThumbnailCell extends GridCell<OutputItem> {

    private final GalleryViewModel model;
    private final GalleryView view;
    private final ImageView thumbnail = new ImageView();
    private final FontIcon placeholder = new FontIcon(Feather.IMAGE);
    private final Label caption = new Label();
    private final VBox box;
    private final InvalidationListener selectionListener = obs -> updateSelection();

    private final Tooltip fullName = new Tooltip();
    /** Stars and pick over the picture's corner; follows the gallery's live marks. */
    private final Label badge = new Label();
    private final javafx.collections.MapChangeListener<OutputRef, app.comfydesk.jobs.OutputMark> marksListener =
            change -> {
                OutputItem item = getItem();
                if (item != null && item.ref().equals(change.getKey())) {
                    updateBadge();
                }
            };

    ThumbnailCell(GalleryViewModel model, GalleryView view, ReadOnlyDoubleProperty tileWidth) {
        this.model = model;
        this.view = view;
        getStyleClass().add("thumbnail-cell");
        // Shown at its own size: thumbnails are decoded to fit the tile, so drawing them needs no scaling (which
        // costs every frame while scrolling on software rendering).
        thumbnail.setPreserveRatio(true);
        // Narrower tiles (two columns in a slim strip) scale the thumbnail down; wider ones never blow it up.
        // bind() listens weakly, so thrown-away cells are not kept alive by the grid's property.
        thumbnail.fitWidthProperty().bind(Bindings.min(ThumbnailCache.SIZE,
                tileWidth.subtract(GalleryView.TILE_CHROME)));
        thumbnail.fitHeightProperty().bind(thumbnail.fitWidthProperty());
        placeholder.getStyleClass().add("thumbnail-placeholder");
        badge.getStyleClass().add("mark-badge");
        badge.setMouseTransparent(true);
        StackPane.setAlignment(badge, javafx.geometry.Pos.TOP_RIGHT);
        StackPane picture = new StackPane(placeholder, thumbnail, badge);
        picture.getStyleClass().add("thumbnail-picture");
        VBox.setVgrow(picture, javafx.scene.layout.Priority.ALWAYS);
        caption.getStyleClass().add("thumbnail-caption");
        caption.setMaxWidth(Double.MAX_VALUE);
        caption.setTooltip(fullName);
        // Cut in the middle: the end ("…00005_.png") is what tells outputs of one job apart.
        caption.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        box = new VBox(2, picture, caption);
        // Weak: the grid throws cells away when it resizes; the model must not keep them alive.
        model.selectedProperty().addListener(new WeakInvalidationListener(selectionListener));
        model.compareWithProperty().addListener(new WeakInvalidationListener(selectionListener));
        model.marks().addListener(new javafx.collections.WeakMapChangeListener<>(marksListener));

        setOnMouseClicked(event -> {
            OutputItem item = getItem();
            if (item == null || event.getButton() != MouseButton.PRIMARY) {
                return;
            }
            if (event.isShortcutDown() || event.isShiftDown()) {
                model.compare(item);
            } else {
                model.selectedProperty().set(item);
                if (event.getClickCount() == 2) {
                    view.showFullScreen();
                }
            }
        });
        // Built when asked for, not per tile: a menu with icons costs more than the tile itself.
        setOnContextMenuRequested(event -> {
            OutputItem item = getItem();
            if (item != null) {
                menuFor(item).show(this, event.getScreenX(), event.getScreenY());
                event.consume();
            }
        });
        setOnDragDetected(event -> {
            OutputItem item = getItem();
            if (item == null) {
                return;
            }
            Dragboard dragboard = startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            OutputActions.fill(content, item);
            dragboard.setContent(content);
            if (thumbnail.getImage() != null) {
                dragboard.setDragView(thumbnail.snapshot(null, null));
            }
            event.consume();
        });
    }

    @Override
    protected void updateItem(OutputItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            // Hidden, not taken out: ControlsFX's grid empties every tile and fills it again on each change of its
            // list (updateIndex(-1), then the index), and a graphic taken out and put back has its CSS applied
            // again, which was most of the studio window's pulse while a sweep's outputs arrived.
            thumbnail.setImage(null);
            box.setVisible(false);
            return;
        }
        box.setVisible(true);
        if (getGraphic() != box) {
            setGraphic(box);
        }
        caption.setText(item.label());
        fullName.setText(item.label().contains(item.fileName()) ? item.label()
                : item.label() + "\n" + item.fileName());
        placeholder.setIconCode(item.kind() == MediaKind.VIDEO ? Feather.FILM
                : item.kind() == MediaKind.TEXT ? Feather.FILE_TEXT
                : item.kind() == MediaKind.OTHER ? Feather.FILE : Feather.IMAGE);
        thumbnail.setImage(null);
        model.thumbnails().load(item.file(), image -> {
            if (item.equals(getItem())) {
                thumbnail.setImage(image);
            }
        });
        updateSelection();
        updateBadge();
    }

    private void updateBadge() {
        OutputItem item = getItem();
        app.comfydesk.jobs.OutputMark mark = model.markOf(item);
        badge.setText(item == null ? "" : RatingKeys.badge(mark));
        badge.setVisible(!badge.getText().isEmpty());
        pseudoClassStateChanged(REJECTED, item != null && mark.rejected());
    }

    private static final javafx.css.PseudoClass REJECTED = javafx.css.PseudoClass.getPseudoClass("rejected");

    private void updateSelection() {
        OutputItem item = getItem();
        pseudoClassStateChanged(GalleryView.SELECTED, item != null && item.equals(model.selectedProperty().get()));
        pseudoClassStateChanged(GalleryView.COMPARED, item != null && item.equals(model.compareWithProperty().get()));
    }

    private ContextMenu menuFor(OutputItem item) {
        MenuItem compare = new MenuItem("Compare with the selected output", new FontIcon(Feather.COLUMNS));
        compare.setOnAction(event -> model.compare(item));
        MenuItem open = new MenuItem("Open in system viewer", new FontIcon(Feather.EXTERNAL_LINK));
        open.setOnAction(event -> model.actions().openExternally(item, model::report));
        MenuItem folder = new MenuItem("Show in folder", new FontIcon(Feather.FOLDER));
        folder.setOnAction(event -> model.actions().showInFolder(item.file(), model::report));
        MenuItem copy = new MenuItem("Copy image", new FontIcon(Feather.COPY));
        copy.setOnAction(event -> model.actions().copyToClipboard(item, model::report));
        MenuItem save = new MenuItem("Save as…", new FontIcon(Feather.SAVE));
        save.setOnAction(event -> view.saveAs(item));
        return new ContextMenu(compare, new SeparatorMenuItem(), open, folder, copy, save);
    }
}
