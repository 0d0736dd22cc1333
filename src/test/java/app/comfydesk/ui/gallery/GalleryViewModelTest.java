package app.comfydesk.ui.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The viewer's actions say why they cannot run, and the reasons follow what the gallery shows. */
class GalleryViewModelTest {

    @TempDir
    Path temp;
    private ThumbnailCache thumbnails;
    private GalleryViewModel model;

    @BeforeEach
    void setUp() {
        thumbnails = new ThumbnailCache(temp.resolve("thumbs"), Runnable::run);
        model = new GalleryViewModel(thumbnails, new OutputActions(new SameThreadBackgroundExecutor(),
                new DesktopIntegration() {
                    @Override
                    public void open(Path file) {
                    }

                    @Override
                    public void showInFolder(Path file) {
                    }
                }));
    }

    @AfterEach
    void tearDown() {
        thumbnails.close();
    }

    private String whyNot(OutputAction action) {
        return model.whyNotProperty(action).get();
    }

    private OutputItem output(String name) {
        return new OutputItem(temp.resolve(name), 7, name);
    }

    @Test
    void withNothingToShowEveryActionSaysSo() {
        assertThat(whyNot(OutputAction.NAVIGATE)).isEqualTo("No outputs yet");
        assertThat(whyNot(OutputAction.FILE)).isEqualTo("No outputs yet");
        assertThat(whyNot(OutputAction.FULL_SCREEN)).isEqualTo("No outputs yet");
        assertThat(whyNot(OutputAction.COMPARE)).isEqualTo("No outputs yet");
        assertThat(whyNot(OutputAction.SWAP)).isEqualTo("Turn on Compare or A/B first");

        model.show("Job #7", 7L, List.of());
        assertThat(whyNot(OutputAction.ZOOM)).isEqualTo("This job has no saved outputs");
    }

    @Test
    void theReasonsFollowTheOutputsTheSelectionAndTheCompareMode() {
        model.show("Job #7", 7L, List.of(output("a.png")));
        assertThat(whyNot(OutputAction.FILE)).isNull();
        assertThat(whyNot(OutputAction.ZOOM)).isNull();
        assertThat(whyNot(OutputAction.NAVIGATE)).isEqualTo("This is the only output");
        assertThat(whyNot(OutputAction.COMPARE)).isEqualTo("Comparing needs a second output");

        model.show("Job #7", 7L, List.of(output("a.png"), output("b.latent")));
        assertThat(whyNot(OutputAction.NAVIGATE)).isNull();
        assertThat(whyNot(OutputAction.COMPARE)).isNull();
        model.selectedProperty().set(output("b.latent"));
        assertThat(whyNot(OutputAction.ZOOM)).isEqualTo("Only pictures can be zoomed");
        assertThat(whyNot(OutputAction.FULL_SCREEN)).isNull();
        model.selectedProperty().set(null);
        assertThat(whyNot(OutputAction.FILE)).isEqualTo("Select an output first");

        model.selectedProperty().set(output("a.png"));
        model.compare(output("b.latent"));
        assertThat(whyNot(OutputAction.SWAP)).isNull();
        model.stopComparing();
        assertThat(whyNot(OutputAction.SWAP)).isEqualTo("Turn on Compare or A/B first");
    }
}
