package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.Icons;
import app.comfydesk.workflow.SeedMode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;

/** A seed: any unsigned 64-bit value, a dice button, and what happens on each run (fixed / random / +1). */
final class SeedField extends HBox {

    private static final Random RANDOM = new SecureRandom();

    private final FieldModel field;
    private final TextField text = new TextField();
    private boolean updating;

    SeedField(FieldModel field) {
        super(4);
        this.field = field;
        getStyleClass().add("seed-field");
        setMaxWidth(Double.MAX_VALUE);
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        text.getStyleClass().add("seed-text");
        text.setPrefColumnCount(20);
        // Room for all 20 digits of the largest seed, in whatever font the theme gives the field.
        var digits = javafx.beans.binding.Bindings.createDoubleBinding(() -> widthOfLargestSeed(text),
                text.fontProperty(), text.paddingProperty());
        text.setMinWidth(60); // a very narrow column squeezes rather than pushing the reset button out of sight
        text.prefWidthProperty().bind(digits);
        HBox.setHgrow(text, Priority.ALWAYS);
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
        Button dice = Icons.iconButton(Feather.SHUFFLE, "New random seed");
        dice.getStyleClass().add("dice-button");
        dice.setOnAction(event -> field.valueProperty().set(JsonValues.integer(randomSeed())));
        ChoiceBox<SeedMode> mode = new ChoiceBox<>();
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
