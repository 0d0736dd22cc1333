package app.comfydesk.ui.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.Workflow;
import app.comfydesk.workflow.WorkflowReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presets and local files remember the deployment's workflow version they were made against (issue 14). */
class WorkflowVersionMemoryTest {

    private static final String GRAPH = "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1}}}";

    @TempDir
    Path config;

    @Test
    void aPresetKeepsTheVersionItWasSavedAgainstAndAnOldOneHasNone() throws Exception {
        Workflow workflow = new WorkflowReader().read(GRAPH, "w.json").workflow();
        PresetStore presets = new PresetStore(config);
        var overrides = (com.fasterxml.jackson.databind.node.ObjectNode) ExactJson.parse(
                "{\"3\": {\"inputs\": {\"seed\": 18446744073709551615}}}");
        presets.save(workflow, "night", overrides, "v3");
        presets.save(workflow, "{\"3\"}", overrides);

        assertThat(presets.workflowVersion(workflow, "night")).isEqualTo("v3");
        assertThat(presets.workflowVersion(workflow, "{\"3\"}")).isNull();
        // The presets file itself is as before: {name: overrides}, nothing else in it.
        assertThat(presets.names(workflow)).containsExactlyInAnyOrder("night", "{\"3\"}");
        assertThat(presets.get(workflow, "night").toString()).contains("18446744073709551615");

        presets.save(workflow, "night", overrides, null);
        assertThat(presets.workflowVersion(workflow, "night")).isNull();
    }

    @Test
    void aFileRemembersTheDeploymentAndItsVersionAcrossRestartsAndReadsTheOldForm() throws Exception {
        Path source = config.resolve("flow.json");
        Path old = config.resolve("old.json");
        Files.writeString(config.resolve(FileDeployments.FILE),
                "{\"" + old.toAbsolutePath().normalize().toString().replace("\\", "\\\\") + "\": \"legacy-dep\"}");
        FileDeployments first = new FileDeployments(config, new SameThreadBackgroundExecutor());
        assertThat(first.lastRun(old)).contains(new FileDeployments.LastRun("legacy-dep", null));

        first.remember(source, "dep-1", "v7");

        FileDeployments again = new FileDeployments(config, new SameThreadBackgroundExecutor());
        assertThat(again.lastRun(source)).contains(new FileDeployments.LastRun("dep-1", "v7"));
        assertThat(again.lastDeployment(old)).contains("legacy-dep");
    }
}
