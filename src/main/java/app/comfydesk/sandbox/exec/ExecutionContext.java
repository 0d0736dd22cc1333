package app.comfydesk.sandbox.exec;

import java.io.IOException;
import java.nio.file.Path;

/** What a running workflow may touch outside itself: the request's storage and the sandbox input folder. */
public interface ExecutionContext {

    /** Folder LoadImage resolves plain file names against. */
    Path inputFolder();

    /** Stores one generated file (SaveImage, PreviewImage) as a hosted output of this request. */
    void storeOutput(String subfolder, String filename, String type, byte[] content) throws IOException;

    /** Stores one uploaded input (a data URI or fetched URL) with the request, so deleting the request purges it. */
    void storeInput(String filename, byte[] content) throws IOException;

    /** Fetches an http(s) URL; the sandbox only ever calls this for loopback addresses. */
    byte[] fetch(java.net.URI uri) throws IOException;

    boolean cancelRequested();
}
