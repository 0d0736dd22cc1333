package app.comfydesk.workflow.variations;

import java.util.List;

/**
 * One job of a sweep: its place on the grid ({@code x}, {@code y}, {@code z}; 0 on a missing axis), which run of
 * the batch it is, its position in submission order, and the axis values it uses (one per axis, X first).
 */
public record SweepCell(int index, int x, int y, int z, int run, List<AxisValue> values) {

    public SweepCell {
        values = List.copyOf(values);
    }

    /** The coordinate on axis {@code axis} (0 = X, 1 = Y, 2 = Z). */
    public int coordinate(int axis) {
        return switch (axis) {
            case 0 -> x;
            case 1 -> y;
            case 2 -> z;
            default -> throw new IllegalArgumentException("axis " + axis);
        };
    }
}
