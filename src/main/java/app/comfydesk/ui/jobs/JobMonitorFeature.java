package app.comfydesk.ui.jobs;

import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.MainWindow;
import app.comfydesk.ui.common.ShortcutTable;
import app.comfydesk.ui.gallery.DesktopIntegration;
import app.comfydesk.ui.gallery.GalleryView;
import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.gallery.OutputActions;
import app.comfydesk.ui.gallery.ThumbnailCache;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javafx.scene.control.MenuButton;

/**
 * The job monitor and the gallery, assembled for the main window: {@code ComfyDeskApp} creates it once the engine
 * exists and {@link #install installs} it into the window's jobs and pictures slots and status bar.
 */
public final class JobMonitorFeature {

    private final ThumbnailCache thumbnails;
    private final GalleryViewModel gallery;
    private final JobMonitorViewModel model;
    private final JobMonitorView jobsView;
    private final GalleryView galleryView;
    private final StatusBarView statusBar;

    /**
     * @param thumbnailFolder the disk cache of thumbnails, under the app data folder
     * @param host            the API host for the status bar
     * @param rerunSecrets    adds a profile's secrets to a re-run request (profile id, request → request)
     */
    public JobMonitorFeature(JobEngine engine, BackgroundExecutor executor, Path thumbnailFolder,
                             Supplier<String> host, BiFunction<String, SubmitRequest, SubmitRequest> rerunSecrets) {
        thumbnails = new ThumbnailCache(thumbnailFolder);
        gallery = new GalleryViewModel(thumbnails, new OutputActions(executor, DesktopIntegration.system()),
                new StoreOutputMarks(engine.store()), executor);
        model = new JobMonitorViewModel(new EngineJobBackend(engine, host, rerunSecrets), executor, gallery);
        jobsView = new JobMonitorView(model, thumbnails);
        galleryView = new GalleryView(gallery, executor);
        statusBar = new StatusBarView(model);
    }

    /** Puts the views into the window and starts following the engine. Call on the FX thread. */
    public JobMonitorFeature install(MainWindow window) {
        window.setJobsView(jobsView);
        window.setGalleryView(galleryView);
        window.statusItems().getChildren().add(0, statusBar);
        // The status bar tells the latest outcome, whoever caused it: a re-run from the table must not leave the
        // studio's "6 jobs submitted" standing.
        model.messageProperty().addListener((obs, old, now) -> {
            if (now != null && !now.isBlank()) {
                window.setStatusMessage(now);
            }
        });
        model.start();
        return this;
    }

    /** Shows the account's balance in the status bar, read again whenever unfinished jobs end. */
    public JobMonitorFeature showBalance(BalanceModel balance) {
        statusBar.showBalance(balance);
        javafx.beans.value.ChangeListener<Number> ended = (obs, old, now) -> {
            int before = old.intValue();
            if (now.intValue() < before) {
                balance.refresh();
            }
        };
        model.runningCountProperty().addListener(ended);
        model.queuedCountProperty().addListener((obs, old, now) -> {
            // A queued job that starts running is not an end; only a drop of the unfinished total is.
            if (now.intValue() < old.intValue() && model.runningCountProperty().get() == 0) {
                balance.refresh();
            }
        });
        return this;
    }

    /** What "Load edits into the form" does with a job's edits (the studio's {@code loadEdits}). */
    public JobMonitorFeature loadEditsWith(Consumer<JsonNode> loader) {
        model.onLoadEditsProperty().set(details -> loader.accept(details.edits()));
        return this;
    }

    /** What "Use this seed" does with a job's seed (the studio's form, mode fixed). */
    public JobMonitorFeature useSeedWith(Consumer<String> user) {
        model.onUseSeedProperty().set(user);
        return this;
    }

    /** The window's menu shortcuts plus the keys of the job table and the viewer, for the shortcuts dialog. */
    public static ShortcutTable shortcuts(MenuButton appMenu) {
        return ShortcutTable.of(appMenu).with(JobMonitorView.SHORTCUTS).with(GalleryView.SHORTCUTS);
    }

    public JobMonitorViewModel model() {
        return model;
    }

    public GalleryViewModel gallery() {
        return gallery;
    }
}
