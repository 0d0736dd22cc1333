package app.comfydesk.ui.common;

import java.util.function.Supplier;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first enters their node. A {@link Tooltip} is a popup window with a scene of its own:
 * the studio and the form create dozens, most of which are never shown, and building them was a measurable share of
 * the start-up's FX-thread work (docs/BENCHMARKS.md, "Start-up: workflow shown"). The text is the node's accessible
 * help from the start, as a control's tooltip would be. For text that changes, keep a real {@code Tooltip}.
 */
public final class Tooltips {

    private Tooltips() {
    }

    /** Shows {@code text} as {@code node}'s tooltip. */
    public static void onHover(Node node, String text) {
        onHover(node, text, () -> new Tooltip(text));
    }

    /** Shows the tooltip {@code make} builds (say, a wrapping one), made on the first hover. */
    public static void onHover(Node node, String accessibleHelp, Supplier<Tooltip> make) {
        node.setAccessibleHelp(accessibleHelp);
        EventHandler<MouseEvent> install = new EventHandler<>() {
            @Override
            public void handle(MouseEvent event) {
                node.removeEventFilter(MouseEvent.MOUSE_ENTERED, this);
                // Installed while the pointer is inside: the tooltip's timer starts with the next mouse move.
                Tooltip tooltip = make.get();
                if (node instanceof Control control) {
                    control.setTooltip(tooltip);
                } else {
                    Tooltip.install(node, tooltip);
                }
            }
        };
        node.addEventFilter(MouseEvent.MOUSE_ENTERED, install);
    }
}
