package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.Icons;
import app.comfydesk.workflow.SeedMode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;

/**
 * A seed: any unsigned 64-bit value, a dice button, and what happens on each run (fixed / random / +1). The field
 * takes the row's free width; when the row is too narrow for all 20 digits beside the dice and the mode (the default
 * form column at 1280×720), the mode goes on a line of its own under the field rather than clipping the digits.
 */
final class SeedField extends Region {

    private static final Random RANDOM = new SecureRandom();
    private static final double GAP = 4;

    private final FieldModel field;
    private final TextField text = new TextField();
    private final Button dice;
    private final ChoiceBox<SeedMode> mode = new ChoiceBox<>();
    private boolean updating;

    SeedField(FieldModel field) {
        this.field = field;
        getStyleClass().add("seed-field");
        setMaxWidth(Double.MAX_VALUE);
        text.getStyleClass().add("seed-text");
        text.setPrefColumnCount(20);
        // Room for all 20 digits of the largest seed, in whatever font the theme gives the field.
        var digits = javafx.beans.binding.Bindings.createDoubleBinding(() -> widthOfLargestSeed(text),
                text.fontProperty(), text.paddingProperty());
        text.setMinWidth(60); // a very narrow column squeezes rather than pushing the reset button out of sight
        text.prefWidthProperty().bind(digits);
        show();
        field.valueProperty().addListener((obs, old, now) -> {
            if (!updating) {
                show();
            }
        });
        text.textProperty().addListener((obs, old, now) -> {
            if (!updating) {
                commit(now);
            }
        });
        dice = Icons.iconButton(Feather.SHUFFLE, "New random seed");
        dice.getStyleClass().add("dice-button");
        dice.setOnAction(event -> field.valueProperty().set(JsonValues.integer(randomSeed())));
        mode.getItems().setAll(SeedMode.values());
        mode.valueProperty().bindBidirectional(field.seedModeProperty());
        mode.getStyleClass().add("seed-mode");
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(SeedMode value) {
                return value == null ? "" : switch (value) {
                    case FIXED -> "fixed";
                    case RANDOM -> "random";
                    case INCREMENT -> "+1/run";
                };
            }

            @Override
            public SeedMode fromString(String string) {
                return SeedMode.FIXED;
            }
        });
        mode.setTooltip(new javafx.scene.control.Tooltip("What the seed does for each run of a batch"));
        getChildren().addAll(text, dice, mode);
    }

    /** Whether all 20 digits, the dice and the mode fit side by side in {@code width} (insets left out). */
    private boolean oneLine(double width) {
        return width < 0 || width >= text.prefWidth(-1) + GAP + dice.prefWidth(-1) + GAP + mode.prefWidth(-1);
    }

    private double lineHeight() {
        return Math.max(text.prefHeight(-1), Math.max(dice.prefHeight(-1), mode.prefHeight(-1)));
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        Insets in = getInsets();
        double fieldAndDice = text.minWidth(-1) + GAP + dice.prefWidth(-1);
        return in.getLeft() + Math.max(fieldAndDice, mode.minWidth(-1)) + in.getRight();
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + text.prefWidth(-1) + GAP + dice.prefWidth(-1) + GAP + mode.prefWidth(-1)
                + in.getRight();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        double inner = width < 0 ? -1 : width - in.getLeft() - in.getRight();
        double lines = oneLine(inner) ? lineHeight() : lineHeight() + GAP + mode.prefHeight(-1);
        return in.getTop() + lines + in.getBottom();
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double x = in.getLeft();
        double y = in.getTop();
        double width = getWidth() - in.getLeft() - in.getRight();
        double line = lineHeight();
        double diceWidth = dice.prefWidth(-1);
        double modeWidth = mode.prefWidth(-1);
        boolean together = oneLine(width);
        double fieldWidth = Math.max(0, width - diceWidth - GAP - (together ? modeWidth + GAP : 0));
        layoutInArea(text, x, y, fieldWidth, line, 0, HPos.LEFT, VPos.CENTER);
        layoutInArea(dice, x + fieldWidth + GAP, y, diceWidth, line, 0, HPos.LEFT, VPos.CENTER);
        if (together) {
            layoutInArea(mode, x + fieldWidth + GAP + diceWidth + GAP, y, modeWidth, line, 0, HPos.LEFT,
                    VPos.CENTER);
        } else {
            layoutInArea(mode, x, y + line + GAP, Math.min(modeWidth, width), mode.prefHeight(-1), 0, HPos.LEFT,
                    VPos.CENTER);
        }
    }

    private static double widthOfLargestSeed(TextField field) {
        javafx.scene.text.Text probe = new javafx.scene.text.Text(JsonValues.UINT64_MAX.toString());
        probe.setFont(field.getFont());
        javafx.geometry.Insets padding = field.getPadding();
        double sides = padding == null ? 16 : padding.getLeft() + padding.getRight();
        return Math.ceil(probe.getLayoutBounds().getWidth() + sides + 2);
    }

    TextField textField() {
        return text;
    }

    static BigInteger randomSeed() {
        return new BigInteger(64, RANDOM);
    }

    private void commit(String typed) {
        BigInteger value = JsonValues.parseInteger(typed);
        if (value == null || value.signum() < 0 || value.compareTo(JsonValues.UINT64_MAX) > 0) {
            field.inputProblemProperty().set("A seed is a whole number from 0 to " + JsonValues.UINT64_MAX + ".");
            return;
        }
        field.inputProblemProperty().set(null);
        updating = true;
        try {
            field.valueProperty().set(JsonValues.integer(value));
        } finally {
            updating = false;
        }
    }

    private void show() {
        updating = true;
        try {
            text.setText(JsonValues.text(field.getValue()));
        } finally {
            updating = false;
        }
    }
}
