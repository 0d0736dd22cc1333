package app.comfydesk.ui.common;

import javafx.geometry.Rectangle2D;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Where the main window opens when no earlier layout is remembered: 1440×900, centred, where that fits with a
 * margin; a smaller screen (a 1280×720 or 1366×768 laptop) it fills, since every pixel counts for the form, the
 * job table and the picture there. The bounds are the window's outer bounds (title bar and border included), so a
 * filled window does not run off the screen.
 *
 * <p>{@link #keepWhenShown(Stage)} works around JavaFX 21's GTK glass (JDK-8316423, fixed in JavaFX 22): under
 * some window managers (openbox, recent mutter) the size asked for before {@code show()} is lost and the window
 * maps at GTK's default 200×200, clamped to the stage's minimum size.
 */
public record FirstWindowBounds(double x, double y, double width, double height, boolean centred) {

    /** The size the window opens at where the screen has room for it with a margin. */
    public static final double LARGE_WIDTH = 1440;
    public static final double LARGE_HEIGHT = 900;
    private static final double MARGIN = 0.92;

    /** The first window's bounds on a screen whose usable area (task bars left out) is {@code visual}. */
    public static FirstWindowBounds forScreen(Rectangle2D visual) {
        boolean small = visual.getWidth() * MARGIN < LARGE_WIDTH || visual.getHeight() * MARGIN < LARGE_HEIGHT;
        if (small) {
            return new FirstWindowBounds(visual.getMinX(), visual.getMinY(), visual.getWidth(), visual.getHeight(),
                    false);
        }
        return new FirstWindowBounds(visual.getMinX() + (visual.getWidth() - LARGE_WIDTH) / 2,
                visual.getMinY() + (visual.getHeight() - LARGE_HEIGHT) / 2, LARGE_WIDTH, LARGE_HEIGHT, true);
    }

    /** Sizes and places the stage before it is shown; a remembered layout may override this afterwards. */
    public void applyTo(Stage stage) {
        stage.setWidth(width);
        stage.setHeight(height);
        if (centred) {
            stage.centerOnScreen();
        } else {
            stage.setX(x);
            stage.setY(y);
        }
    }

    /**
     * Asks for the bounds the stage has as it is shown once more, right after: the request then reaches a mapped
     * window, which the window managers that drop the first one honour. A maximized window is left to the manager.
     */
    public static void keepWhenShown(Stage stage) {
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, event -> {
            if (stage.isMaximized() || stage.isFullScreen()) {
                return;
            }
            double shownX = stage.getX();
            double shownY = stage.getY();
            double shownWidth = stage.getWidth();
            double shownHeight = stage.getHeight();
            stage.setWidth(shownWidth);
            stage.setHeight(shownHeight);
            stage.setX(shownX);
            stage.setY(shownY);
        });
    }
}
