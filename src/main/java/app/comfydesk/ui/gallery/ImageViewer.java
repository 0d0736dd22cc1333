package app.comfydesk.ui.gallery;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;

/**
 * A zoomable, pannable picture: wheel or pinch zooms around the pointer, dragging pans, double-click toggles fit and
 * 100 %. With a {@linkplain #compareImageProperty() compare image} it becomes an A/B view: the compare image shows
 * right of a draggable divider. Zoom and pan live in a {@link Viewport} that several viewers may share.
 */
public final class ImageViewer extends StackPane {

    private static final double WHEEL_ZOOM_PER_PIXEL = 1.0025;

    private final ObjectProperty<Image> image = new SimpleObjectProperty<>(this, "image");
    private final ObjectProperty<Image> compareImage = new SimpleObjectProperty<>(this, "compareImage");
    private final DoubleProperty split = new SimpleDoubleProperty(this, "split", 0.5);
    private final Viewport viewport;

    private final Pane canvas = new Pane();
    private final ImageView primaryView = new ImageView();
    private final ImageView compareView = new ImageView();
    private final Pane compareLayer = new Pane(compareView);
    private final Rectangle compareClip = new Rectangle();
    private final Region divider = new Region();
    private final Region dividerHandle = new Region();
    private final Label zoomBadge = new Label();
    private final Label sideBadgeA = new Label("A");
    private final Label sideBadgeB = new Label("B");
    private double dragX;
    private double dragY;

    public ImageViewer() {
        this(new Viewport());
    }

    public ImageViewer(Viewport viewport) {
        this.viewport = viewport;
        getStyleClass().add("image-viewer");
        canvas.getStyleClass().add("image-viewer-canvas");
        Rectangle canvasClip = new Rectangle();
        canvasClip.widthProperty().bind(canvas.widthProperty());
        canvasClip.heightProperty().bind(canvas.heightProperty());
        canvas.setClip(canvasClip);
        canvas.setMinSize(0, 0);
        compareLayer.setClip(compareClip);
        compareLayer.setMouseTransparent(true);
        primaryView.setPreserveRatio(true);
        compareView.setPreserveRatio(true);
        divider.getStyleClass().add("ab-divider");
        divider.setMouseTransparent(true);
        dividerHandle.getStyleClass().add("ab-divider-handle");
        dividerHandle.setCursor(Cursor.H_RESIZE);
        sideBadgeA.getStyleClass().addAll("ab-badge");
        sideBadgeB.getStyleClass().addAll("ab-badge");
        // Placed by hand in relayoutPicture(); unmanaged so the Pane does not shrink them to their preferred size.
        for (var node : new javafx.scene.Node[] {compareLayer, divider, dividerHandle, sideBadgeA, sideBadgeB}) {
            node.setManaged(false);
        }
        canvas.getChildren().addAll(primaryView, compareLayer, divider, dividerHandle, sideBadgeA, sideBadgeB);
        zoomBadge.getStyleClass().add("zoom-badge");
        zoomBadge.setMouseTransparent(true);
        StackPane.setAlignment(zoomBadge, Pos.BOTTOM_RIGHT);
        getChildren().addAll(canvas, zoomBadge);
        setMinSize(0, 0);

        image.addListener((obs, old, now) -> {
            primaryView.setImage(now);
            fit();
        });
        compareImage.addListener((obs, old, now) -> {
            compareView.setImage(now);
            relayoutPicture();
        });
        viewport.scaleProperty().addListener(obs -> relayoutPicture());
        viewport.offsetXProperty().addListener(obs -> relayoutPicture());
        viewport.offsetYProperty().addListener(obs -> relayoutPicture());
        split.addListener(obs -> relayoutPicture());
        canvas.widthProperty().addListener(obs -> onResize());
        canvas.heightProperty().addListener(obs -> onResize());

        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        canvas.addEventHandler(ZoomEvent.ZOOM, event -> {
            viewport.zoomAt(event.getZoomFactor(), event.getX(), event.getY());
            event.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, event -> {
            dragX = event.getX();
            dragY = event.getY();
            requestFocus();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                if (viewport.fittingProperty().get()) {
                    viewport.zoomAt(1 / viewport.scale(), event.getX(), event.getY());
                } else {
                    fit();
                }
            }
        });
        dividerHandle.addEventHandler(MouseEvent.MOUSE_DRAGGED, event -> {
            double x = dividerHandle.localToParent(event.getX(), event.getY()).getX();
            split.set(Math.max(0, Math.min(1, x / Math.max(1, canvas.getWidth()))));
            event.consume();
        });
        dividerHandle.addEventHandler(MouseEvent.MOUSE_PRESSED, MouseEvent::consume);
        setFocusTraversable(true);
        relayoutPicture();
    }

    public ObjectProperty<Image> imageProperty() {
        return image;
    }

    public ObjectProperty<Image> compareImageProperty() {
        return compareImage;
    }

    /** Where the A/B divider sits, 0 (left edge) to 1 (right edge). */
    public DoubleProperty splitProperty() {
        return split;
    }

    public Viewport viewport() {
        return viewport;
    }

    /** Shows the whole picture, centred; it keeps fitting when the view is resized until the user zooms. */
    public void fit() {
        Image shown = image.get();
        // A viewer out of the scene (the side-by-side one while A/B shows) keeps its hands off a shared viewport:
        // its size is the one it had when it left, and fitting to it put A at half size against the left edge.
        if (shown != null && getScene() != null) {
            viewport.fit(shown.getWidth(), shown.getHeight(), canvas.getWidth(), canvas.getHeight());
        }
        relayoutPicture();
    }

    /** 100 %: one image pixel per screen pixel. */
    public void actualSize() {
        viewport.actualSize(canvas.getWidth(), canvas.getHeight());
    }

    /** Zooms by {@code factor} around the centre of the view (toolbar and keyboard zoom). */
    public void zoom(double factor) {
        viewport.zoomAt(factor, canvas.getWidth() / 2, canvas.getHeight() / 2);
    }

    private void onResize() {
        if (viewport.fittingProperty().get()) {
            fit();
        } else {
            relayoutPicture();
        }
    }

    private void onScroll(ScrollEvent event) {
        if (event.getDeltaY() == 0 || image.get() == null) {
            return;
        }
        viewport.zoomAt(Math.pow(WHEEL_ZOOM_PER_PIXEL, event.getDeltaY()), event.getX(), event.getY());
        event.consume();
    }

    private void onDrag(MouseEvent event) {
        if (event.getButton() != MouseButton.PRIMARY && event.getButton() != MouseButton.MIDDLE) {
            return;
        }
        viewport.panBy(event.getX() - dragX, event.getY() - dragY);
        dragX = event.getX();
        dragY = event.getY();
        setCursor(Cursor.CLOSED_HAND);
        event.consume();
    }

    private void relayoutPicture() {
        double scale = viewport.scale();
        place(primaryView, image.get(), scale);
        place(compareView, compareImage.get(), scale);
        // Zoomed in past 200 % the pixels should stay crisp, as in every image editor.
        primaryView.setSmooth(scale < 2);
        compareView.setSmooth(scale < 2);
        boolean comparing = compareImage.get() != null;
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        double splitX = Math.round(split.get() * width);
        compareClip.setX(splitX);
        compareClip.setWidth(Math.max(0, width - splitX));
        compareClip.setHeight(height);
        compareLayer.resize(width, height);
        for (var node : new javafx.scene.Node[] {compareLayer, divider, dividerHandle, sideBadgeA, sideBadgeB}) {
            node.setVisible(comparing);
        }
        divider.resizeRelocate(splitX - 1, 0, 2, height);
        dividerHandle.resizeRelocate(splitX - 14, height / 2 - 14, 28, 28);
        sideBadgeA.autosize();
        sideBadgeB.autosize();
        // Beside the handle, not in the top corners where pictures often carry a label of their own.
        double badgeY = height / 2 - sideBadgeA.getHeight() / 2;
        sideBadgeA.relocate(Math.max(8, splitX - sideBadgeA.getWidth() - 22), badgeY);
        sideBadgeB.relocate(splitX + 22, badgeY);
        zoomBadge.setText(image.get() == null ? "" : Math.round(scale * 100) + " %");
        setCursor(Cursor.DEFAULT);
    }

    private void place(ImageView view, Image picture, double scale) {
        if (picture == null) {
            return;
        }
        view.setFitWidth(picture.getWidth() * scale);
        view.setFitHeight(picture.getHeight() * scale);
        view.relocate(Math.round(viewport.offsetXProperty().get()), Math.round(viewport.offsetYProperty().get()));
    }
}
