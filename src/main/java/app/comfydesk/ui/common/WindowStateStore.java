package app.comfydesk.ui.common;

import app.comfydesk.files.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the main window's layout between runs: size, position and maximized state, split-pane dividers, table
 * column widths and visibility. (Theme and last workflow are settings, kept by {@code ui.settings.AppSettings}.)
 * One small properties file in the config folder, read once before the window is shown and written atomically
 * (temp file + move), so a crash never leaves half a file.
 *
 * <p>Use on the FX thread: {@link #load} before building the window, {@link #restoreAndTrack(Stage)} before
 * {@code show()}, {@link #track(String, SplitPane)} / {@link #track(String, TableView)} once the controls have their
 * items and columns. Changes are kept in memory and written when the window hides ({@link #flush()}, a few hundred
 * bytes).
 */
public final class WindowStateStore {

    /** A restored window must show at least this much of its title bar on some screen, or it is centred. */
    private static final double MIN_VISIBLE = 80;

    private final Path file;
    private final Properties values;

    private WindowStateStore(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    /** Reads the file if there is one; an unreadable file is logged and ignored (the defaults are fine). */
    public static WindowStateStore load(Path file) {
        Properties values = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                log().warn("Ignoring unreadable window state {}: {}", file, e.toString());
                values.clear();
            }
        }
        return new WindowStateStore(file, values);
    }

    // ---- Window bounds

    /** Puts the stage where it was last time (if that is still on a screen) and remembers where it goes. */
    public void restoreAndTrack(Stage stage) {
        restore(stage);
        // Restored or first bounds alike: some window managers drop a size asked for before the window maps.
        FirstWindowBounds.keepWhenShown(stage);
        // Bounds are recorded only while the window is in its normal state, so un-maximizing returns there.
        stage.xProperty().addListener((obs, old, x) -> recordBounds(stage));
        stage.yProperty().addListener((obs, old, y) -> recordBounds(stage));
        stage.widthProperty().addListener((obs, old, w) -> recordBounds(stage));
        stage.heightProperty().addListener((obs, old, h) -> recordBounds(stage));
        stage.maximizedProperty().addListener((obs, old, maximized) -> putBoolean("window.maximized", maximized));
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, event -> flush());
    }

    private void restore(Stage stage) {
        double width = getDouble("window.width", Double.NaN);
        double height = getDouble("window.height", Double.NaN);
        if (width > 100 && height > 100) {
            stage.setWidth(width);
            stage.setHeight(height);
            double x = getDouble("window.x", Double.NaN);
            double y = getDouble("window.y", Double.NaN);
            if (!Double.isNaN(x) && !Double.isNaN(y) && isVisibleOnSomeScreen(x, y, width)) {
                stage.setX(x);
                stage.setY(y);
            } else {
                stage.centerOnScreen();
            }
        }
        stage.setMaximized(Boolean.parseBoolean(values.getProperty("window.maximized", "false")));
    }

    private static boolean isVisibleOnSomeScreen(double x, double y, double width) {
        Rectangle2D titleBar = new Rectangle2D(x, y, width, 30);
        for (Screen screen : Screen.getScreens()) {
            Rectangle2D area = screen.getVisualBounds();
            double visibleWidth = Math.min(area.getMaxX(), titleBar.getMaxX()) - Math.max(area.getMinX(), x);
            boolean titleInside = y >= area.getMinY() - 5 && y < area.getMaxY() - 30;
            if (titleInside && visibleWidth >= MIN_VISIBLE) {
                return true;
            }
        }
        return false;
    }

    private void recordBounds(Stage stage) {
        if (stage.isMaximized() || stage.isIconified() || stage.isFullScreen() || !stage.isShowing()) {
            return;
        }
        putDouble("window.x", stage.getX());
        putDouble("window.y", stage.getY());
        putDouble("window.width", stage.getWidth());
        putDouble("window.height", stage.getHeight());
    }

    // ---- Split panes and tables

    /** Restores the pane's divider positions saved under {@code key} and records changes to them. */
    public void track(String key, SplitPane pane) {
        var dividers = pane.getDividers();
        for (int i = 0; i < dividers.size(); i++) {
            String name = "split." + key + "." + i;
            double saved = dividerPosition(key, i, Double.NaN);
            if (!Double.isNaN(saved)) {
                dividers.get(i).setPosition(saved);
            }
            dividers.get(i).positionProperty().addListener((obs, old, position) ->
                    putDouble(name, position.doubleValue()));
        }
    }

    /**
     * The divider position {@link #track(String, SplitPane)} would restore for divider {@code index} of the pane saved
     * under {@code key}, or {@code fallback}: lets a placeholder drawn before the pane exists match its layout.
     */
    public double dividerPosition(String key, int index, double fallback) {
        double saved = getDouble("split." + key + "." + index, Double.NaN);
        return saved > 0 && saved < 1 ? saved : fallback;
    }

    /**
     * Restores the width and visibility of the table's columns saved under {@code key} and records changes. Columns
     * are known by their id, else their header text.
     */
    public void track(String key, TableView<?> table) {
        for (TableColumn<?, ?> column : table.getColumns()) {
            String name = "table." + key + "." + columnKey(column);
            double width = getDouble(name + ".width", Double.NaN);
            if (width > 0) {
                column.setPrefWidth(width);
            }
            String visible = values.getProperty(name + ".visible");
            if (visible != null) {
                column.setVisible(Boolean.parseBoolean(visible));
            }
            column.widthProperty().addListener((obs, old, w) -> putDouble(name + ".width", w.doubleValue()));
            column.visibleProperty().addListener((obs, old, shown) -> putBoolean(name + ".visible", shown));
        }
    }

    private static String columnKey(TableColumn<?, ?> column) {
        String id = column.getId();
        String text = id != null && !id.isBlank() ? id : String.valueOf(column.getText());
        return text.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    // ---- Writing

    /** Writes now, on this thread: used when the window hides, just before the app may exit (a few hundred bytes). */
    public void flush() {
        write(snapshot());
    }

    private Properties snapshot() {
        Properties copy = new Properties();
        copy.putAll(values);
        return copy;
    }

    private void write(Properties snapshot) {
        try {
            java.io.StringWriter out = new java.io.StringWriter();
            snapshot.store(out, "ComfyDesk window state");
            AtomicFiles.writeString(file, out.toString());
        } catch (IOException e) {
            // Losing the window layout is not worth interrupting the user for.
            log().warn("Could not save window state to {}: {}", file, e.toString());
        }
    }

    /** Looked up when needed: this class is used before the first frame, when logging is not set up yet. */
    private static Logger log() {
        return LoggerFactory.getLogger(WindowStateStore.class);
    }

    private double getDouble(String key, double fallback) {
        try {
            String value = values.getProperty(key);
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void putDouble(String key, double value) {
        values.setProperty(key, Double.toString(value));
    }

    private void putBoolean(String key, boolean value) {
        values.setProperty(key, Boolean.toString(value));
    }
}
