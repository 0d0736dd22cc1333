package app.comfydesk.ui.gallery;

import app.comfydesk.jobs.OutputMark;
import app.comfydesk.jobs.RatingFilter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where ratings and picks are kept (the job store in the app): the gallery's seam. Methods block and are called on
 * worker threads only.
 */
public interface OutputMarks {

    /** Stores {@code mark} as output {@code ref}'s stars and pick. */
    void store(OutputRef ref, OutputMark mark);

    /** The saved outputs across all jobs that {@code filter} keeps, newest first, as gallery items. */
    List<OutputItem> find(RatingFilter filter, int limit);

    /** Marks held in memory only (tests, and a gallery without a job store). */
    static OutputMarks inMemory() {
        Map<OutputRef, OutputMark> kept = new ConcurrentHashMap<>();
        return new OutputMarks() {
            @Override
            public void store(OutputRef ref, OutputMark mark) {
                kept.put(ref, mark);
            }

            @Override
            public List<OutputItem> find(RatingFilter filter, int limit) {
                return List.of();
            }
        };
    }
}
