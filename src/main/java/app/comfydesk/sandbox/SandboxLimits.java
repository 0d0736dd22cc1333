package app.comfydesk.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the sandbox accepts from a peer: bounded request bodies and URL names that cannot leave their folder. Each
 * limit is listed in docs/RELIABILITY.md ("Sandbox").
 */
final class SandboxLimits {

    /** The largest request body read (a submit with data-URI images fits easily). */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    static final String BODY_LIMIT_TEXT = "64 MiB";

    /** Characters no single name from a URL may hold: separators, NUL and controls, drive/stream colons. */
    private static final Pattern UNSAFE = Pattern.compile("[/\\\\:\\x00-\\x1f\\x7f]");

    private SandboxLimits() {
    }

    /** Thrown when a body is larger than {@link #MAX_BODY_BYTES}; answered 413. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("The request body is larger than the sandbox's limit of " + BODY_LIMIT_TEXT);
        }
    }

    /**
     * Reads a body of at most {@link #MAX_BODY_BYTES}: a declared length over it is refused before anything is
     * read, an undeclared one (chunked) as soon as it passes the limit, so memory stays bounded either way.
     */
    static byte[] readBody(String contentLength, InputStream in) throws IOException {
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES) {
                    throw new BodyTooLarge();
                }
            } catch (NumberFormatException e) {
                // The server itself refuses malformed lengths; nothing to add here.
            }
        }
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new BodyTooLarge();
        }
        return body;
    }

    /**
     * Why a decoded URL segment is not a plain name (empty when it is): no separators, no {@code .}/{@code ..}, no
     * NUL or control characters, no drive letters, nothing absolute.
     */
    static Optional<String> nameProblem(String decoded) {
        if (decoded.isEmpty() || decoded.equals(".") || decoded.equals("..")) {
            return Optional.of("empty or relative");
        }
        if (UNSAFE.matcher(decoded).find() || decoded.length() > 255) {
            return Optional.of("not a plain name");
        }
        return Optional.empty();
    }
}
