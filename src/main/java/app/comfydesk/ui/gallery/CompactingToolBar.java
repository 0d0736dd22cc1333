package app.comfydesk.ui.gallery;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;

/**
 * A tool bar that, when short of room (A/B adds its slider, a small window, a longer title or count), drops the
 * words of its worded buttons (their tooltips keep them) and its separators before its overflow menu would swallow
 * the last items ("⋯", Save); the words come back when they fit.
 * <p>
 * The decision is taken in every layout pass, from the items' own widths: it used to run only when the bar's width
 * changed, so a count or title that grew later ("9 outputs") pushed "⋯" behind "»".
 */
final class CompactingToolBar extends ToolBar {

    /** What the overflow button and a little slack take; the bar needs this beyond its items. */
    private static final double OVERFLOW_ALLOWANCE = 24;

    private final List<? extends ButtonBase> worded;
    private final List<String> words;
    private final double[] savedByCompacting;
    private boolean compact;

    CompactingToolBar(List<? extends ButtonBase> worded, Node... items) {
        super(items);
        this.worded = worded;
        this.words = worded.stream().map(ButtonBase::getText).toList();
        this.savedByCompacting = new double[worded.size()];
    }

    /** True while the worded buttons show only their icons (for tests). */
    boolean isCompact() {
        return compact;
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        if (width > 0) {
            boolean shouldCompact = widthWithWords() > width;
            if (shouldCompact != compact) {
                setCompact(shouldCompact);
            }
        }
        super.layoutChildren();
        // A safety net for items whose preferred width understates what the skin gives them: if the overflow
        // button shows while the words are still there, drop them (seen in the app at 1600×1000 with the picks strip
        // narrowing the viewer; the measure above said everything fit). The skin lays out again at once: a layout
        // asked for from inside a layout pass is dropped when the pass ends, which left "⋯" behind "»" until the
        // next resize in the first window on a 1600×1000 screen.
        Node overflow = lookup(".tool-bar-overflow-button");
        if (!compact && overflow != null && overflow.isVisible()) {
            setCompact(true);
            super.layoutChildren();
        }
    }

    /** The width all items would take with their words and separators, measured from the items themselves. */
    private double widthWithWords() {
        // The bar's own preferred width leaves out what its skin has moved into the overflow menu.
        Node container = lookup(".container");
        double spacing = container instanceof HBox box ? box.getSpacing() : 4;
        double sum = snappedLeftInset() + snappedRightInset() + OVERFLOW_ALLOWANCE;
        for (Node item : getItems()) {
            if (item instanceof Separator separator) {
                // Hidden separators keep their preferred width: counting them at less than that made the words come
                // back in a bar that had no room for them, and go again in the same pass.
                sum += separator.prefWidth(-1) + spacing;
            } else if (item.isVisible()) {
                sum += item.prefWidth(-1) + spacing;
            }
        }
        if (compact) {
            for (double saved : savedByCompacting) {
                sum += saved;
            }
        }
        return sum;
    }

    private void setCompact(boolean now) {
        compact = now;
        // Separators go too: in a compact bar the groups read well enough from their icons.
        for (Node item : getItems()) {
            if (item instanceof Separator) {
                item.setManaged(!now);
                item.setVisible(!now);
            }
        }
        for (int i = 0; i < worded.size(); i++) {
            ButtonBase button = worded.get(i);
            if (now) {
                double full = button.prefWidth(-1);
                button.setText(null);
                savedByCompacting[i] = Math.max(0, full - button.prefWidth(-1));
            } else {
                button.setText(words.get(i));
            }
        }
    }
}
