package app.comfydesk.ui.sweep;

import app.comfydesk.ui.workflow.FieldModel;
import app.comfydesk.ui.workflow.NodeSectionModel;
import app.comfydesk.ui.workflow.WorkflowFormModel;
import app.comfydesk.workflow.FieldKind;
import app.comfydesk.workflow.WorkflowEdit;
import app.comfydesk.workflow.variations.Sweep;
import app.comfydesk.workflow.variations.SweepAxis;
import app.comfydesk.workflow.variations.VariationException;
import app.comfydesk.workflow.variations.Wildcards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The sweep editor's state: up to three axes over the form's inputs, the batch per cell, the seed policy and the
 * in-flight limit; and from them the sweep (or why there is none), the number of jobs and an estimate of the time.
 * Everything follows the form's edit, so a prompt changed under an S/R axis is checked again at once.
 */
public final class SweepEditorModel {

    /** The in-flight limit when the deployment's queue size is not known. */
    public static final int DEFAULT_IN_FLIGHT = 4;
    /** The most jobs one sweep keeps unfinished at once (as {@code run --max-in-flight}). */
    public static final int MAX_IN_FLIGHT = 100;

    private final WorkflowFormModel form;
    private final ObservableList<SweepAxisModel> axes = FXCollections.observableArrayList();
    private final IntegerProperty batch = new SimpleIntegerProperty(this, "batch", 1);
    private final ObjectProperty<SeedPolicy> seeds = new SimpleObjectProperty<>(this, "seeds", SeedPolicy.FIXED);
    private final IntegerProperty maxInFlight = new SimpleIntegerProperty(this, "maxInFlight", DEFAULT_IN_FLIGHT);
    private final ObjectProperty<List<Duration>> recentDurations =
            new SimpleObjectProperty<>(this, "recentDurations", List.of());
    private final StringProperty deployment = new SimpleStringProperty(this, "deployment", "this deployment");
    private final StringProperty hardware = new SimpleStringProperty(this, "hardware");
    private final ObjectProperty<app.comfydesk.api.Balance> balance = new SimpleObjectProperty<>(this, "balance");
    private final ReadOnlyObjectWrapper<Sweep> sweep = new ReadOnlyObjectWrapper<>(this, "sweep");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyIntegerWrapper jobCount = new ReadOnlyIntegerWrapper(this, "jobCount");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final InvalidationListener reparse = obs -> refresh();
    private Wildcards wildcards = Wildcards.none();

    public SweepEditorModel(WorkflowFormModel form) {
        this.form = form;
        form.editProperty().addListener(reparse);
        form.documentProperty().addListener((obs, old, now) -> axes.clear());
        batch.addListener(reparse);
        maxInFlight.addListener(obs -> refreshSummary());
        recentDurations.addListener(obs -> refreshSummary());
        deployment.addListener(obs -> refreshSummary());
        hardware.addListener(obs -> refreshSummary());
        balance.addListener(obs -> refreshSummary());
        axes.addListener((javafx.collections.ListChangeListener<SweepAxisModel>) change -> refresh());
        refresh();
    }

    /** The inputs an axis may vary: every editable input of the form but pictures and files. */
    public List<FieldModel> sweepable() {
        List<FieldModel> fields = new ArrayList<>();
        for (NodeSectionModel section : form.sections()) {
            for (FieldModel field : section.fields()) {
                if (field.descriptor().editable() && field.kind() != FieldKind.MEDIA) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    /** Adds an axis over {@code field} (or the first input not on an axis yet); empty when three are there. */
    public Optional<SweepAxisModel> addAxis(FieldModel field) {
        if (axes.size() >= Sweep.MAX_AXES) {
            return Optional.empty();
        }
        SweepAxisModel axis = new SweepAxisModel();
        FieldModel chosen = field;
        if (chosen == null) {
            chosen = sweepable().stream().filter(f -> axes.stream().noneMatch(a -> a.inputProperty().get() == f))
                    .findFirst().orElse(null);
        }
        axis.inputProperty().set(chosen);
        if (chosen != null && !axis.options().isEmpty()) {
            axis.useOptions(axis.options().subList(0, Math.min(3, axis.options().size())));
        }
        axis.inputProperty().addListener(reparse);
        axis.valuesProperty().addListener(reparse);
        axes.add(axis);
        return Optional.of(axis);
    }

    public void removeAxis(SweepAxisModel axis) {
        axes.remove(axis);
    }

    /** The axis over the input {@code ref}, if there is one. */
    public Optional<SweepAxisModel> axisFor(app.comfydesk.workflow.InputRef ref) {
        return axes.stream().filter(a -> a.inputProperty().get() != null
                && a.inputProperty().get().ref().equals(ref)).findFirst();
    }

    public ObservableList<SweepAxisModel> axes() {
        return axes;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public ObjectProperty<SeedPolicy> seedsProperty() {
        return seeds;
    }

    public IntegerProperty maxInFlightProperty() {
        return maxInFlight;
    }

    /** Durations of the deployment's recent runs (set from the job store in the background). */
    public ObjectProperty<List<Duration>> recentDurationsProperty() {
        return recentDurations;
    }

    /** The deployment's GPU SKU (e.g. AMPERE_24), or null when not known: the cost line names it. */
    public StringProperty hardwareProperty() {
        return hardware;
    }

    /** The account's balance, or null when not known (bound to the status bar's). */
    public ObjectProperty<app.comfydesk.api.Balance> balanceProperty() {
        return balance;
    }

    /** How the estimate names the deployment. */
    public StringProperty deploymentProperty() {
        return deployment;
    }

    /** The sweep the axes make, null while any axis has a problem. */
    public ReadOnlyObjectProperty<Sweep> sweepProperty() {
        return sweep.getReadOnlyProperty();
    }

    /** Why the sweep cannot run yet, in words; null when it can. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty jobCountProperty() {
        return jobCount.getReadOnlyProperty();
    }

    /** "9 jobs (3 × 3), at most 4 at once", then the time estimate and the cost, one line each. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public WorkflowEdit base() {
        return form.getEdit();
    }

    public Wildcards wildcards() {
        return wildcards;
    }

    /** The wildcards folder S/R and {@code ALL:} axes read {@code __name__} from. */
    public void setWildcards(Wildcards folder) {
        wildcards = folder == null ? Wildcards.none() : folder;
        refresh();
    }

    private void refresh() {
        WorkflowEdit base = form.getEdit();
        List<SweepAxis> parsed = new ArrayList<>();
        String first = null;
        for (SweepAxisModel axis : axes) {
            axis.parse(base, wildcards);
            if (axis.axisProperty().get() != null) {
                parsed.add(axis.axisProperty().get());
            } else if (first == null) {
                first = "Axis " + Sweep.axisName(axes.indexOf(axis)) + ": " + axis.problemProperty().get();
            }
        }
        Sweep made = null;
        if (axes.isEmpty()) {
            first = "Add an axis: choose an input and the values it takes";
        } else if (first == null) {
            try {
                made = new Sweep(parsed, Math.max(1, batch.get()));
            } catch (VariationException e) {
                first = e.getMessage();
            }
        }
        sweep.set(made);
        problem.set(first);
        jobCount.set(made == null ? 0 : made.jobCount());
        refreshSummary();
    }

    private void refreshSummary() {
        Sweep made = sweep.get();
        if (made == null) {
            summary.set(problem.get() == null ? "" : problem.get());
            return;
        }
        StringBuilder shape = new StringBuilder();
        for (SweepAxis axis : made.axes()) {
            shape.append(shape.isEmpty() ? "" : " × ").append(axis.size());
        }
        if (made.batch() > 1) {
            shape.append(" × ").append(made.batch()).append(" runs");
        }
        int limit = Math.max(1, maxInFlight.get());
        // One line each: the size, the time, the cost (read at a glance above the Run button).
        summary.set(made.jobCount() + (made.jobCount() == 1 ? " job" : " jobs") + " (" + shape + "), at most "
                + limit + " at once\n" + capitalized(SweepEstimate.describe(made.jobCount(), limit,
                recentDurations.get(), deployment.get())) + "\n" + capitalized(SweepEstimate.cost(made.jobCount(), recentDurations.get(), hardware.get(),
                null /* RunComfy's API reports no price per second */, balance.get())));
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
