package app.comfydesk.sandbox.exec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects what a run stores, in memory. */
final class TestContext implements ExecutionContext {

    final Path inputFolder;
    final Map<String, byte[]> outputs = new LinkedHashMap<>();
    final Map<String, byte[]> inputs = new LinkedHashMap<>();
    volatile boolean cancel;

    TestContext(Path inputFolder) {
        this.inputFolder = inputFolder;
    }

    @Override
    public Path inputFolder() {
        return inputFolder;
    }

    @Override
    public void storeOutput(String subfolder, String filename, String type, byte[] content) {
        outputs.put((subfolder.isEmpty() ? "" : subfolder + "/") + filename, content);
    }

    @Override
    public void storeInput(String filename, byte[] content) {
        inputs.put(filename, content);
    }

    @Override
    public byte[] fetch(URI uri) throws IOException {
        throw new IOException("no network in this test: " + uri);
    }

    @Override
    public boolean cancelRequested() {
        return cancel;
    }
}
