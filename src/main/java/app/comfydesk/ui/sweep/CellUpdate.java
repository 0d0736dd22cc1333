package app.comfydesk.ui.sweep;

import java.nio.file.Path;

/**
 * The newest state of one cell, posted from engine threads and coalesced per cell on the way to the FX thread:
 * its phase, its job (null before it has one), its first saved picture (null until saved) and a short note (the
 * error of a failed cell).
 */
public record CellUpdate(int index, CellPhase phase, Long jobId, Path output, String note) {

    public static CellUpdate waiting(int index) {
        return new CellUpdate(index, CellPhase.WAITING, null, null, null);
    }
}
