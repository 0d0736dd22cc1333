package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The store's shortened inline images are recognised by the class that shortens them, not by searching text. */
class StoredRequestsTest {

    @Test
    void aShortenedImageIsRecognisedAndAPromptQuotingTheMarkerIsNot() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("overrides").putObject("6").putObject("inputs")
                .put("image", "data:image/png;base64," + "A".repeat(StoredRequests.MAX_STORED_DATA_URI + 1));
        assertThat(StoredRequests.isShortened(body)).isFalse();
        StoredRequests.abbreviateDataUris(body);
        assertThat(body.at("/overrides/6/inputs/image").asText()).isEqualTo("data:image/png;base64,<"
                + (StoredRequests.MAX_STORED_DATA_URI + 1) + " characters not stored>");
        assertThat(StoredRequests.isShortened(body)).isTrue();

        ObjectNode prompt = JsonNodeFactory.instance.objectNode();
        prompt.putObject("overrides").putObject("6").putObject("inputs")
                .put("text", "a sign reading <12 characters not stored>");
        assertThat(StoredRequests.isShortened(prompt)).isFalse();
    }
}
