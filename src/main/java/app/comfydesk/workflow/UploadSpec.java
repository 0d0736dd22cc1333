package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A file input with an upload button ({@code image_upload}, {@code video_upload}, {@code audio_upload},
 * {@code file_upload}): the value is a file name on the server, the user supplies a file.
 *
 * @param options the server's known files (may be empty)
 */
public record UploadSpec(String name, boolean optional, String tooltip, Media media, JsonNode defaultValue,
                         List<JsonNode> options) implements InputSpec {

    /** What kind of file the input takes. */
    public enum Media { IMAGE, VIDEO, AUDIO, FILE }

    public UploadSpec {
        options = List.copyOf(options);
    }
}
