package app.comfydesk.ui.sweep;

import app.comfydesk.jobs.OutputMark;
import app.comfydesk.jobs.RatingFilter;
import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.gallery.RatingKeys;
import app.comfydesk.ui.gallery.OutputItem;
import app.comfydesk.workflow.variations.Sweep;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
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
import javafx.scene.input.KeyEvent;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

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

    private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", -1);
    private final ObjectProperty<RatingFilter> ratingFilter =
            new SimpleObjectProperty<>(this, "ratingFilter", RatingFilter.ANY);

    public SweepGridModel(GalleryViewModel gallery) {
        this.gallery = gallery;
        ratingFilter.addListener((obs, old, now) -> {
            if (now == null) {
                ratingFilter.set(RatingFilter.ANY);
            }
        });
    }

    /**
     * A rating key (1–5, P, X, U) pressed on the grid rates the selected cell's picture, as in the viewer; true
     * when it was one (the view consumes it).
     */
    public boolean rate(KeyEvent event) {
        int index = selected.get();
        CellUpdate cell = index >= 0 && index < cells.size() ? cells.get(index) : null;
        return RatingKeys.handle(event, gallery, cell == null || cell.output() == null ? null : item(cell));
    }

    /** The stars and pick of cell {@code index}'s picture as they are now (unmarked without one). */
    public OutputMark markOf(int index) {
        CellUpdate cell = cells.get(index);
        return cell.output() == null ? OutputMark.NONE : gallery.markOf(item(cell));
    }

    /** Whether cell {@code index} passes the rating filter (cells without a picture pass only "any"). */
    public boolean passes(int index) {
        RatingFilter filter = ratingFilter.get();
        return filter.isAny() || cells.get(index).output() != null && filter.accepts(markOf(index));
    }

    /** Live marks by output (the gallery's): a tile whose output's mark changes shows it again. */
    public javafx.collections.ObservableMap<app.comfydesk.ui.gallery.OutputRef, OutputMark> marks() {
        return gallery.marks();
    }

    /** The cell the rating keys apply to (-1: none); a click selects. */
    public IntegerProperty selectedProperty() {
        return selected;
    }

    /** Which cells the grid shows by their stars and picks ({@link RatingFilter#ANY}: all). */
    public ObjectProperty<RatingFilter> ratingFilterProperty() {
        return ratingFilter;
    }

    /** Shows a new sweep: every cell waiting. */
    public void show(SweepPlan shown) {
        picked.clear();
        selected.set(-1);
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
                ? new CellUpdate(update.index(), update.phase(), update.jobId(), before.output(), update.note(),
                before.outputIndex(), before.mark())
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
        long jobId = cell.jobId() == null ? -1 : cell.jobId();
        // The live mark, not the one read with the job: the gallery takes an item's mark as the stored one.
        OutputMark mark = gallery.marks().getOrDefault(new app.comfydesk.ui.gallery.OutputRef(jobId,
                cell.outputIndex()), cell.mark());
        return new OutputItem(cell.output(), jobId, label, cell.outputIndex(), mark);
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
