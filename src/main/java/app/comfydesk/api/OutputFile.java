package app.comfydesk.api;

/**
 * One hosted output of a finished request: which node made it, under which key ({@code images}, {@code gifs},
 * {@code videos}, ...), its URL and the server's subfolder/filename (untrusted: never use them as a path directly).
 */
public record OutputFile(String nodeId, String kind, String url, String filename, String subfolder, String type) {
}
