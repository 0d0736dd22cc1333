package app.comfydesk.ui.workflow;

import app.comfydesk.files.AtomicFiles;
import app.comfydesk.workflow.WorkflowEdit;
import app.comfydesk.workflow.variations.DynamicPrompts;
import app.comfydesk.workflow.variations.VariationException;
import app.comfydesk.workflow.variations.WildcardFolder;
import app.comfydesk.workflow.variations.Wildcards;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Generate's one expansion step: the dynamic prompts of a run's edit ({@code {red|green|blue}}, {@code {2$$a|b|c}},
 * {@code __name__} wildcards) become the text that is sent, chosen by the run's seed, so the request preview, the
 * job list and the job's details show what the server got, and the same seed gives the same text again. Wildcards
 * come from the folder chosen in the settings (asked on every run, so a new choice applies at once); by default a
 * folder under the config folder that starts with a few shipped examples.
 */
public final class PromptExpansion {

    /** The example wildcard files shipped in the jar under {@code /assets/wildcards}. */
    static final List<String> EXAMPLES = List.of("animals", "colors", "lighting", "styles");

    private final Supplier<Path> folder;
    private Path cachedFor;
    private Wildcards cached;

    /** @param folder the wildcards folder now (null: none, so {@code __name__} says that no folder is set) */
    public PromptExpansion(Supplier<Path> folder) {
        this.folder = Objects.requireNonNull(folder);
    }

    /** Variants only: {@code __name__} fails with a message saying no wildcards folder is set. */
    public static PromptExpansion withoutWildcards() {
        return new PromptExpansion(() -> null);
    }

    /**
     * The edit as it is sent: every dynamic prompt expanded by the edit's seed (its first seed input, 0 without
     * one). The same edit when nothing is dynamic.
     *
     * @throws VariationException naming the input and what is wrong (an unknown wildcard, an unclosed brace)
     */
    public WorkflowEdit expand(WorkflowEdit edit) {
        return DynamicPrompts.expand(edit, wildcards());
    }

    /**
     * The wildcards of the folder in the settings, for the sweep editor's combinatorial axis ({@code ALL:text} in
     * {@code SweepAxis.parse}, which enumerates every combination of a dynamic prompt).
     */
    public synchronized Wildcards wildcards() {
        Path now = folder.get();
        if (now == null) {
            return Wildcards.none();
        }
        if (!now.equals(cachedFor)) {
            cached = new WildcardFolder(now);
            cachedFor = now;
        }
        return cached;
    }

    /**
     * The expansion the studio uses: the folder chosen in the settings ({@code chosen}, asked each run), else
     * {@code <config>/wildcards}, prepared with the examples in the background (the FX thread does no I/O; until it
     * is ready, a {@code __name__} says no folder is set).
     */
    public static PromptExpansion fromSettings(Supplier<String> chosen, Path configFolder,
                                               app.comfydesk.ui.common.BackgroundExecutor executor) {
        Path[] prepared = new Path[1];
        executor.submit(() -> defaultFolder(configFolder)).onSuccess(folder -> prepared[0] = folder);
        return new PromptExpansion(() -> {
            String folder = chosen.get();
            return folder != null && !folder.isBlank() ? Path.of(folder) : prepared[0];
        });
    }


    /**
     * The default wildcards folder {@code <config>/wildcards}: created with the shipped examples the first time
     * (never over a file the user has), so {@code __colors__} works out of the box and shows how files look.
     */
    public static Path defaultFolder(Path configFolder) throws IOException {
        Path folder = configFolder.resolve("wildcards");
        if (Files.isDirectory(folder)) {
            return folder;
        }
        Files.createDirectories(folder);
        for (String name : EXAMPLES) {
            try (InputStream in = PromptExpansion.class.getResourceAsStream("/assets/wildcards/" + name + ".txt")) {
                Path target = folder.resolve(name + ".txt");
                if (in != null && !Files.exists(target)) {
                    AtomicFiles.write(target, in.readNBytes((int) WildcardFolder.MAX_FILE_BYTES));
                }
            }
        }
        return folder;
    }
}
