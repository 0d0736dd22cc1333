package app.comfydesk.ui.sweep;

import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.gallery.OutputItem;
import app.comfydesk.workflow.variations.Sweep;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The contact sheet of the sweep shown ({@code #sweepGrid}): one state per job in submission order, which cells
 * are picked for comparing, and the progress ("12 / 25"). Updated on the FX thread in batches
 * ({@link #apply}), never per engine event.
 */
public final class SweepGridModel {

    private final GalleryViewModel gallery;
    private final ReadOnlyObjectWrapper<SweepPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ObservableList<CellUpdate> cells = FXCollections.observableArrayList();
    private final ObservableSet<Integer> picked = FXCollections.observableSet();
    private final ReadOnlyIntegerWrapper ended = new ReadOnlyIntegerWrapper(this, "ended");
    private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper(this, "failed");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");

    public SweepGridModel(GalleryViewModel gallery) {
        this.gallery = gallery;
    }

    /** Shows a new sweep: every cell waiting. */
    public void show(SweepPlan shown) {
        picked.clear();
        List<CellUpdate> waiting = new ArrayList<>();
        for (SweepPlan.Cell cell : shown.cells()) {
            waiting.add(CellUpdate.waiting(cell.cell().index()));
        }
        // The cells first: the grid view rebuilds its tiles when the plan changes and reads their states then.
        plan.set(null);
        cells.setAll(waiting);
        plan.set(shown);
        running.set(true);
        recount();
    }

    /** The newest state of some cells (one batch from the coalescing bridge). */
    public void apply(List<CellUpdate> batch) {
        for (CellUpdate update : batch) {
            if (update.index() < cells.size() && !cells.get(update.index()).equals(update)) {
                CellUpdate before = cells.get(update.index());
                // A late event must not move an ended cell back (e.g. "submitting" after "cancelled: not sent").
                if (!before.phase().ended() || update.phase().ended()) {
                    cells.set(update.index(), keepPicture(before, update));
                }
            }
        }
        recount();
    }

    private static CellUpdate keepPicture(CellUpdate before, CellUpdate update) {
        return update.output() == null && before.output() != null && update.jobId() != null
                && update.jobId().equals(before.jobId())
                ? new CellUpdate(update.index(), update.phase(), update.jobId(), before.output(), update.note())
                : update;
    }

    private void recount() {
        int done = 0;
        int failures = 0;
        for (CellUpdate cell : cells) {
            done += cell.phase().ended() ? 1 : 0;
            failures += cell.phase() == CellPhase.FAILED ? 1 : 0;
        }
        ended.set(done);
        failed.set(failures);
        progress.set(cells.isEmpty() ? "" : done + " / " + cells.size()
                + (failures > 0 ? " · " + failures + " failed" : ""));
        if (done == cells.size()) {
            running.set(false);
        }
    }

    /** Opens the cell's picture in the viewer, with the sweep's other pictures to step through. */
    public boolean open(int index) {
        CellUpdate cell = cells.get(index);
        if (cell.output() == null) {
            return false;
        }
        gallery.stopComparing();
        gallery.show(heading(), null, pictures());
        gallery.selectedProperty().set(item(cell));
        return true;
    }

    /** Picks or unpicks a cell for comparing (only cells with a picture). */
    public void togglePick(int index) {
        if (picked.contains(index)) {
            picked.remove(index);
        } else if (cells.get(index).output() != null) {
            picked.add(index);
        }
    }

    /** Compares the first two picked cells in the viewer (A/B or side by side, as the viewer is set). */
    public boolean comparePicked() {
        List<CellUpdate> chosen = picked.stream().sorted().map(cells::get).filter(c -> c.output() != null).toList();
        if (chosen.size() < 2) {
            return false;
        }
        gallery.show(heading(), null, pictures());
        gallery.selectedProperty().set(item(chosen.get(0)));
        gallery.compare(item(chosen.get(1)));
        return true;
    }

    private String heading() {
        SweepPlan shown = plan.get();
        return "Sweep of " + (shown == null ? "" : shown.source());
    }

    private List<OutputItem> pictures() {
        return cells.stream().filter(c -> c.output() != null).map(this::item).toList();
    }

    private OutputItem item(CellUpdate cell) {
        SweepPlan shown = plan.get();
        String label = SweepPlan.where(shown.sweep(), shown.cells().get(cell.index()).cell());
        return new OutputItem(cell.output(), cell.jobId() == null ? -1 : cell.jobId(), label);
    }

    public ReadOnlyObjectProperty<SweepPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public Sweep sweep() {
        return plan.get() == null ? null : plan.get().sweep();
    }

    public ObservableList<CellUpdate> cells() {
        return cells;
    }

    public ObservableSet<Integer> picked() {
        return picked;
    }

    public ReadOnlyIntegerProperty endedProperty() {
        return ended.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** "12 / 25", with the failures counted. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Some cells have not ended yet. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
