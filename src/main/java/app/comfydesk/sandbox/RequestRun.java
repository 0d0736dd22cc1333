package app.comfydesk.sandbox;

import app.comfydesk.sandbox.exec.ExecutionContext;
import app.comfydesk.sandbox.exec.NodeExecutionException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What one sandbox request's workflow run may touch: the shared input folder, its own stored inputs and outputs,
 * downloads of input URLs (bounded), and whether it should stop (cancelled, or the server is closing).
 */
final class RequestRun implements ExecutionContext {

    /** The largest input a workflow may download (an image URL in a LoadImage, say). */
    private static final int MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

    private final SandboxRequest request;
    private final Path inputFolder;
    private final Storage storage;
    private final HttpClient http;
    private final BooleanSupplier closing;

    RequestRun(SandboxRequest request, Path inputFolder, Storage storage, HttpClient http, BooleanSupplier closing) {
        this.request = request;
        this.inputFolder = inputFolder;
        this.storage = storage;
        this.http = http;
        this.closing = closing;
    }

    /** The failed result's {@code error}: ComfyUI's execution_error fields plus a readable message. */
    static ObjectNode errorJson(NodeExecutionException e) {
        ObjectNode error = SandboxJson.object();
        error.put("type", "execution_error");
        error.put("message", e.getMessage());
        error.put("node_id", e.nodeId());
        error.put("class_type", e.classType());
        error.put("node_type", e.classType());
        error.put("exception_type", e.exceptionType());
        error.put("exception_message", e.getMessage());
        return error;
    }

    @Override
    public Path inputFolder() {
        return inputFolder;
    }

    @Override
    public void storeOutput(String subfolder, String filename, String type, byte[] content) throws IOException {
        storage.writeOutput(request.id, subfolder, filename, content);
    }

    @Override
    public void storeInput(String filename, byte[] content) throws IOException {
        storage.writeInput(request.id, filename, content);
    }

    @Override
    public byte[] fetch(URI uri) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("downloading " + uri + " answered HTTP " + response.statusCode());
            }
            if (response.body().length > MAX_DOWNLOAD_BYTES) {
                throw new IOException(uri + " is larger than " + MAX_DOWNLOAD_BYTES / (1024 * 1024) + " MB");
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        }
    }

    @Override
    public boolean cancelRequested() {
        return request.cancelRequested || closing.getAsBoolean();
    }
}
