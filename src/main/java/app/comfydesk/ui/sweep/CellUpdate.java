package app.comfydesk.ui.sweep;

import app.comfydesk.jobs.OutputMark;
import java.nio.file.Path;

/**
 * The newest state of one cell, posted from engine threads and coalesced per cell on the way to the FX thread:
 * its phase, its job (null before it has one), its first saved picture (null until saved) and a short note (the
 * error of a failed cell); which of the job's outputs the picture is and its stars and pick as stored, so the grid
 * rates the very output it shows.
 */
public record CellUpdate(int index, CellPhase phase, Long jobId, Path output, String note, int outputIndex,
                         OutputMark mark) {

    public CellUpdate {
        mark = mark == null ? OutputMark.NONE : mark;
    }

    public CellUpdate(int index, CellPhase phase, Long jobId, Path output, String note) {
        this(index, phase, jobId, output, note, 0, OutputMark.NONE);
    }

    public static CellUpdate waiting(int index) {
        return new CellUpdate(index, CellPhase.WAITING, null, null, null);
    }
}
