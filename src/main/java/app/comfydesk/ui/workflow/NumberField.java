package app.comfydesk.ui.workflow;

import app.comfydesk.workflow.FieldKind;
import app.comfydesk.workflow.FieldValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

/**
 * A number editor over a {@link FieldModel}: exact (BigDecimal/BigInteger, never double), honours min/max/step and
 * rounding, nudges with the arrow keys and the mouse wheel (Shift = ×10). Text that is not a number, or is out of
 * range, becomes the field's input problem instead of a value.
 */
final class NumberField extends TextField {

    private final FieldModel field;
    private final boolean integral;
    private final BigDecimal min;
    private final BigDecimal max;
    private final BigDecimal step;
    private final BigDecimal round;
    private boolean updating;

    NumberField(FieldModel field, boolean integral, BigDecimal min, BigDecimal max, BigDecimal step,
            BigDecimal round) {
        this.field = field;
        this.integral = integral;
        this.min = min;
        this.max = max;
        this.step = step != null && step.signum() > 0 ? step : integral ? BigDecimal.ONE : new BigDecimal("0.1");
        this.round = round != null && round.signum() > 0 ? round : null;
        getStyleClass().add("number-field");
        setPrefColumnCount(10);
        show();
        field.valueProperty().addListener((obs, old, now) -> {
            if (!updating) {
                show();
            }
        });
        textProperty().addListener((obs, old, now) -> {
            if (!updating) {
                commit(now);
            }
        });
        focusedProperty().addListener((obs, old, focused) -> {
            if (!focused && field.inputProblemProperty().get() == null) {
                show(); // normalise what was typed, e.g. "007" → "7"
            }
        });
        setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.UP || event.getCode() == KeyCode.DOWN) {
                nudge(event.getCode() == KeyCode.UP ? 1 : -1, event.isShiftDown());
                event.consume();
            }
        });
        setOnScroll(event -> {
            if (isFocused() && event.getDeltaY() != 0) {
                nudge(event.getDeltaY() > 0 ? 1 : -1, event.isShiftDown());
                event.consume();
            }
        });
    }

    BigDecimal current() {
        return integral ? toDecimal(JsonValues.integerOf(field.getValue())) : JsonValues.decimalOf(field.getValue());
    }

    void nudge(int direction, boolean large) {
        BigDecimal value = current();
        if (value == null) {
            value = min != null ? min : BigDecimal.ZERO;
        }
        BigDecimal delta = large ? step.multiply(BigDecimal.TEN) : step;
        BigDecimal next = clamp(value.add(direction > 0 ? delta : delta.negate()));
        field.valueProperty().set(toJson(applyRound(next)));
    }

    private void commit(String text) {
        if (text.isBlank()) {
            field.inputProblemProperty().set("Enter a " + (integral ? "whole number" : "number") + range());
            return;
        }
        BigDecimal value = integral ? toDecimal(JsonValues.parseInteger(text)) : JsonValues.parseDecimal(text);
        if (value == null) {
            field.inputProblemProperty().set("\"" + text.strip() + "\" is not a "
                    + (integral ? "whole number" : "number") + range());
            return;
        }
        if (min != null && value.compareTo(min) < 0 || max != null && value.compareTo(max) > 0) {
            field.inputProblemProperty().set(value.toPlainString() + " is out of range" + range());
            return;
        }
        field.inputProblemProperty().set(null);
        updating = true;
        try {
            // As typed ("7.50" stays "7.50"): the model's exact numbers, shared with the command line.
            field.valueProperty().set(FieldValues.fromText(integral ? FieldKind.INT : FieldKind.FLOAT, text));
        } finally {
            updating = false;
        }
    }

    private String range() {
        if (min == null && max == null) {
            return "";
        }
        return " (" + (min == null ? "…" : min.toPlainString()) + " to " + (max == null ? "…" : max.toPlainString())
                + ")";
    }

    private void show() {
        updating = true;
        try {
            setText(JsonValues.text(field.getValue()));
        } finally {
            updating = false;
        }
    }

    private BigDecimal clamp(BigDecimal value) {
        if (min != null && value.compareTo(min) < 0) {
            return min;
        }
        if (max != null && value.compareTo(max) > 0) {
            return max;
        }
        return value;
    }

    private BigDecimal applyRound(BigDecimal value) {
        if (round == null || integral) {
            return value;
        }
        return clamp(value.divide(round, 0, RoundingMode.HALF_UP).multiply(round));
    }

    private com.fasterxml.jackson.databind.JsonNode toJson(BigDecimal value) {
        return integral ? JsonValues.integer(value.toBigIntegerExact()) : JsonValues.decimal(value);
    }

    private static BigDecimal toDecimal(BigInteger value) {
        return value == null ? null : new BigDecimal(value);
    }
}
