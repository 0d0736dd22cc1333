package app.comfydesk.jobs;

import app.comfydesk.api.ResultResponse.OutputText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A result's {@code text} outputs: nothing to download, so each node's strings are saved at once as
 * {@code text_<node>.txt} (one string per line) beside the other outputs and recorded as a job output of kind
 * {@code text} whose URL is {@link #URL_PREFIX}{@code <node id>} (the node id may be a subgraph id such as
 * {@code 38:42}; the file name is made safe by {@link OutputPaths}).
 */
final class TextOutputs {

    /** The stand-in URL of a text output: there is no hosted file. */
    static final String URL_PREFIX = "text:";

    private TextOutputs() {
    }

    static List<JobOutput> save(Path folder, List<OutputText> texts, int firstIndex, Set<String> taken) {
        List<JobOutput> saved = new ArrayList<>();
        int index = firstIndex;
        for (OutputText text : texts) {
            String filename = "text_" + text.nodeId() + ".txt";
            Path path = OutputPaths.plan(folder, null, filename, null, index, taken);
            byte[] bytes = (String.join("\n", text.values()) + "\n").getBytes(StandardCharsets.UTF_8);
            OutputState state = OutputState.SAVED;
            String error = null;
            try {
                write(path, bytes);
            } catch (IOException e) {
                state = OutputState.FAILED;
                error = "could not write to " + path.getParent() + ": " + OutputPaths.whyNotWritable(e);
            }
            saved.add(new JobOutput(index++, text.nodeId(), "text", URL_PREFIX + text.nodeId(), filename, null, path,
                    state == OutputState.SAVED ? bytes.length : 0, state, error));
        }
        return saved;
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.write(temp, bytes);
            OutputDownloader.moveIntoPlace(temp, target);   // the same move as every downloaded output
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
