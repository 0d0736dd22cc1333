package app.comfydesk.jobs;

import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.workflow.ExactJson;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A separate process for {@link JobStoreProcessesTest}: waits until {@code <go file>} exists (so ten of them start
 * together), opens the store at {@code <db>}, records one job, and exits 0; exits 4 with the message if the store
 * fails. With a third argument {@code hold}, it stays alive after recording (to be killed).
 */
public final class StoreOpenerMain {

    private StoreOpenerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Path go = Path.of(args[1]);
        while (!Files.exists(go)) {
            Thread.sleep(2);
        }
        try (JobStore store = JobStore.open(db)) {
            var overrides = ExactJson.NODES.objectNode();
            store.create(new JobSubmission(new JobTarget(URI.create("http://127.0.0.1:1"), ApiVersion.V1, "d", null),
                    SubmitRequest.overrides(overrides), overrides, "wf.json", "p"), Instant.now(), null, java.time.Duration.ZERO);
            System.out.println("ok");
            if (args.length > 2 && args[2].equals("hold")) {
                Thread.sleep(600_000);
            }
        } catch (JobStoreException e) {
            System.out.println("failed: " + e.getMessage());
            System.exit(4);
        }
    }
}
