package app.comfydesk.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;

/**
 * Reads an answer into memory but never past {@code limit} bytes: a declared Content-Length over it fails before the
 * body is read, and a body (chunked or lying about its length) fails as soon as the running count passes it. The
 * connection is then dropped, so the rest is never read.
 */
final class BoundedResponseConsumer extends AbstractBinResponseConsumer<SimpleHttpResponse> {

    /** The answer is over the limit (an {@link IOException} so it can leave HttpClient's reactor). */
    static final class TooLarge extends IOException {
        final long limit;

        TooLarge(long limit) {
            super("answer larger than " + limit + " bytes", null);
            this.limit = limit;
        }
    }

    private final long limit;
    private SimpleHttpResponse response;
    private ContentType contentType;
    private ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long total;

    BoundedResponseConsumer(long limit) {
        this.limit = limit;
    }

    @Override
    protected void start(HttpResponse head, ContentType type) throws IOException {
        Header length = head.getFirstHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.getValue().trim()) > limit) {
                    throw new TooLarge(limit);
                }
            } catch (NumberFormatException ignored) {
                // A garbled length: the running count below still holds.
            }
        }
        this.response = SimpleHttpResponse.copy(head);
        this.contentType = type;
    }

    @Override
    protected int capacityIncrement() {
        return 64 * 1024;
    }

    @Override
    protected void data(ByteBuffer data, boolean endOfStream) throws IOException {
        int n = data.remaining();
        total += n;
        if (total > limit) {
            throw new TooLarge(limit);
        }
        byte[] chunk = new byte[n];
        data.get(chunk);
        body.write(chunk, 0, n);
    }

    @Override
    protected SimpleHttpResponse buildResult() {
        if (total > 0) {
            response.setBody(body.toByteArray(), contentType);
        }
        return response;
    }

    @Override
    public void releaseResources() {
        body = new ByteArrayOutputStream();
    }
}
