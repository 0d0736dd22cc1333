package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.OutputMark;
import app.comfydesk.jobs.OutputRatings;
import app.comfydesk.jobs.RatingFilter;
import app.comfydesk.ui.gallery.OutputItem;
import app.comfydesk.ui.gallery.OutputMarks;
import app.comfydesk.ui.gallery.OutputRef;
import java.util.List;

/** The gallery's ratings and picks, kept in the job store ({@link OutputRatings}). Called on worker threads. */
public final class StoreOutputMarks implements OutputMarks {

    private final OutputRatings ratings;

    public StoreOutputMarks(JobStore store) {
        this.ratings = new OutputRatings(store);
    }

    @Override
    public void store(OutputRef ref, OutputMark mark) {
        boolean found = ratings.rate(ref.jobId(), ref.index(), mark.stars())
                & ratings.pick(ref.jobId(), ref.index(), mark.pick());
        if (!found) {
            throw new IllegalStateException("job #" + ref.jobId() + " has no output " + (ref.index() + 1)
                    + " any more (it may have been removed)");
        }
    }

    @Override
    public List<OutputItem> find(RatingFilter filter, int limit) {
        return ratings.find(filter, limit).stream().map(found -> new OutputItem(found.localPath(), found.jobId(),
                "#" + found.jobId() + " · " + found.filename(), found.index(), found.mark())).toList();
    }
}
