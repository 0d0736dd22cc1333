package app.comfydesk.ui.gallery;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * Zoom and pan of a picture in a view: {@code scale} (1 = 100 %) and the view position of the picture's top-left
 * corner. Two viewers sharing one viewport zoom and pan together (compare view).
 */
public final class Viewport {

    public static final double MIN_SCALE = 0.02;
    public static final double MAX_SCALE = 32;

    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", 1);
    private final DoubleProperty offsetX = new SimpleDoubleProperty(this, "offsetX");
    private final DoubleProperty offsetY = new SimpleDoubleProperty(this, "offsetY");
    /** True while the picture follows the view's size (fit mode), false after the user zoomed or panned. */
    private final BooleanProperty fitting = new SimpleBooleanProperty(this, "fitting", true);

    public DoubleProperty scaleProperty() {
        return scale;
    }

    public DoubleProperty offsetXProperty() {
        return offsetX;
    }

    public DoubleProperty offsetYProperty() {
        return offsetY;
    }

    public BooleanProperty fittingProperty() {
        return fitting;
    }

    public double scale() {
        return scale.get();
    }

    /** Scales so the whole {@code imageWidth}×{@code imageHeight} picture fits the view, centred. */
    public void fit(double imageWidth, double imageHeight, double viewWidth, double viewHeight) {
        if (imageWidth <= 0 || imageHeight <= 0 || viewWidth <= 0 || viewHeight <= 0) {
            return;
        }
        double fitted = clamp(Math.min(viewWidth / imageWidth, viewHeight / imageHeight));
        scale.set(fitted);
        offsetX.set((viewWidth - imageWidth * fitted) / 2);
        offsetY.set((viewHeight - imageHeight * fitted) / 2);
        fitting.set(true);
    }

    /** 100 %: one picture pixel per view pixel, keeping the point at the view's centre in place. */
    public void actualSize(double viewWidth, double viewHeight) {
        zoomTo(1, viewWidth / 2, viewHeight / 2);
    }

    /** Multiplies the scale by {@code factor}, keeping the picture point under ({@code x}, {@code y}) in place. */
    public void zoomAt(double factor, double x, double y) {
        zoomTo(scale.get() * factor, x, y);
    }

    private void zoomTo(double newScale, double x, double y) {
        double target = clamp(newScale);
        double pictureX = (x - offsetX.get()) / scale.get();
        double pictureY = (y - offsetY.get()) / scale.get();
        scale.set(target);
        offsetX.set(x - pictureX * target);
        offsetY.set(y - pictureY * target);
        fitting.set(false);
    }

    public void panBy(double dx, double dy) {
        offsetX.set(offsetX.get() + dx);
        offsetY.set(offsetY.get() + dy);
        fitting.set(false);
    }

    private static double clamp(double value) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, value));
    }
}
