package app.comfydesk.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * A toolbar button that says why it is disabled. A disabled node is never picked for mouse events, so a tooltip on
 * the button itself cannot show while it is off: the button sits in this wrapper, which stays enabled and carries
 * the tooltip, "<action> — <reason>", while there is a reason. While there is none the button is enabled and holds
 * the tooltip (the action alone) itself: an enabled button's skin consumes the mouse moves a tooltip on the wrapper
 * would need. The button is disabled exactly while there is a reason.
 */
public final class ExplainedButton extends StackPane {

    /** Between the action and the reason, in tooltips and in menu items that cannot have a tooltip. */
    public static final String SEPARATOR = " — ";

    private final ButtonBase button;
    private final Tooltip tooltip;

    /**
     * @param action what the button does, as its tooltip says it when enabled ("Cancel selected (Ctrl+K)")
     * @param reason why it cannot do that now, or null (see {@link ActionReasons})
     */
    public ExplainedButton(ButtonBase button, String action, ObservableStringValue reason) {
        super(button);
        this.button = button;
        getStyleClass().add("explained-button");
        button.disableProperty().bind(Bindings.isNotNull(reason));
        button.setAccessibleText(action);
        button.accessibleHelpProperty().bind(reason);
        tooltip = new Tooltip();
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(360);
        tooltip.textProperty().bind(Bindings.createStringBinding(() -> describe(action, reason.get()), reason));
        reason.addListener((obs, old, now) -> placeTooltip(now != null));
        placeTooltip(reason.get() != null);
    }

    private void placeTooltip(boolean disabled) {
        if (disabled) {
            button.setTooltip(null);
            Tooltip.install(this, tooltip);
        } else {
            Tooltip.uninstall(this, tooltip);
            button.setTooltip(tooltip);
        }
    }

    /** {@code action}, followed by why it cannot run when {@code reason} is not null. */
    public static String describe(String action, String reason) {
        return reason == null ? action : action + SEPARATOR + reason;
    }

    public ButtonBase button() {
        return button;
    }

    public Tooltip tooltip() {
        return tooltip;
    }
}
