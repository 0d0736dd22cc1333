package app.comfydesk.ui.gallery;

import app.comfydesk.jobs.OutputMark;
import app.comfydesk.ui.common.ShortcutTable;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The rating keys, shared by every place that shows one output at a time (the viewer, full screen, a contact sheet's
 * cell): 1–5 give that many stars (the same number again clears them), P picks, X rejects (each again clears it),
 * U clears the pick or reject.
 */
public final class RatingKeys {

    public static final List<ShortcutTable.Entry> SHORTCUTS = List.of(
            new ShortcutTable.Entry("Viewer", "Rate 1–5 stars (again: clear)", "1 … 5"),
            new ShortcutTable.Entry("Viewer", "Pick / reject (again: clear)", "P / X"),
            new ShortcutTable.Entry("Viewer", "Clear pick or reject", "U"));

    private RatingKeys() {
    }

    /**
     * Applies a rating key pressed on {@code item}; true when it was one (the caller consumes the event). Keys with
     * Ctrl, Alt or Meta are never rating keys.
     */
    public static boolean handle(KeyEvent event, GalleryViewModel model, OutputItem item) {
        if (event.isShortcutDown() || event.isAltDown() || event.isMetaDown() || event.isControlDown()) {
            return false;
        }
        return handle(event.getCode(), model, item);
    }

    /** {@link #handle(KeyEvent, GalleryViewModel, OutputItem)} for a bare key. */
    public static boolean handle(KeyCode code, GalleryViewModel model, OutputItem item) {
        int stars = stars(code);
        if (stars == 0 && code != KeyCode.P && code != KeyCode.X && code != KeyCode.U) {
            return false;
        }
        if (item == null) {
            return true;
        }
        if (!item.rateable()) {
            model.report("Only outputs of a job can be rated");
            return true;
        }
        OutputMark mark = model.markOf(item);
        if (stars > 0) {
            model.rate(item.ref(), mark.stars() == stars ? 0 : stars);
        } else if (code == KeyCode.P) {
            model.pick(item.ref(), mark.picked() ? 0 : 1);
        } else if (code == KeyCode.X) {
            model.pick(item.ref(), mark.rejected() ? 0 : -1);
        } else {
            model.pick(item.ref(), 0);
        }
        return true;
    }

    private static int stars(KeyCode code) {
        return switch (code) {
            case DIGIT1, NUMPAD1 -> 1;
            case DIGIT2, NUMPAD2 -> 2;
            case DIGIT3, NUMPAD3 -> 3;
            case DIGIT4, NUMPAD4 -> 4;
            case DIGIT5, NUMPAD5 -> 5;
            default -> 0;
        };
    }

    /** A mark in a few characters for badges and captions: "★★★ ✓", "✕", or "" when unmarked. */
    public static String badge(OutputMark mark) {
        String stars = "★".repeat(mark.stars());
        String pick = mark.picked() ? "✓ pick" : mark.rejected() ? "✕ reject" : "";
        return (stars + (stars.isEmpty() || pick.isEmpty() ? "" : " ") + pick);
    }
}
