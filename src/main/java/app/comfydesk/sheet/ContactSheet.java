package app.comfydesk.sheet;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * What a contact sheet shows: per axis (X, Y, Z; at least X) its title and its value labels, the batch count (runs
 * of one cell sit side by side), the cells, the common parameters (written under the grid), and the sweep's
 * definition as JSON (stored in the {@value #DEFINITION_KEYWORD} text chunk).
 */
public record ContactSheet(List<String> axisTitles, List<List<String>> axisLabels, int batch, List<Cell> cells,
                           List<String> commonParameters, String definitionJson) {

    /** Keyword of the text chunk holding the sweep definition. */
    public static final String DEFINITION_KEYWORD = "comfydesk_sweep";
    /** Prefix of the keywords of the per-cell chunks: {@code comfydesk_cell_<x>_<y>_<z>_<run>}. */
    public static final String CELL_KEYWORD_PREFIX = "comfydesk_cell_";

    public ContactSheet {
        axisTitles = List.copyOf(axisTitles);
        axisLabels = axisLabels.stream().map(List::copyOf).toList();
        cells = List.copyOf(cells);
        commonParameters = List.copyOf(commonParameters);
        Objects.requireNonNull(definitionJson, "definitionJson");
        if (axisTitles.isEmpty() || axisTitles.size() > 3 || axisTitles.size() != axisLabels.size()) {
            throw new IllegalArgumentException("1 to 3 axes, each with a title and labels");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch " + batch);
        }
    }

    /** How the cell ended. */
    public enum State { SUCCEEDED, FAILED, CANCELLED, NO_IMAGE }

    /**
     * One job's square of the grid. {@code image} may be null (failed, cancelled, or nothing to show); {@code note}
     * is the short text drawn on a cell without a picture (e.g. the error); {@code chunkJson} is what the cell's
     * text chunk holds (its values and workflow).
     */
    public record Cell(int x, int y, int z, int run, State state, BufferedImage image, String note,
                       String chunkJson) {
        public Cell {
            Objects.requireNonNull(state, "state");
        }

        public String keyword() {
            return CELL_KEYWORD_PREFIX + x + "_" + y + "_" + z + "_" + run;
        }
    }

    /** Values along axis {@code axis}, 1 for a missing axis. */
    public int size(int axis) {
        return axis < axisLabels.size() ? axisLabels.get(axis).size() : 1;
    }
}
