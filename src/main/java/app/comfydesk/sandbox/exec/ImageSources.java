package app.comfydesk.sandbox.exec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Where LoadImage finds its picture: a {@code data:} URI, an http(s) URL on this computer only (the sandbox never
 * reaches the internet), or a file name in the sandbox input folder (ComfyUI's {@code "name [input]"} annotation
 * and subfolders allowed, escaping the folder not).
 */
final class ImageSources {

    private ImageSources() {
    }

    static BufferedImage load(String value, ExecutionContext context) throws IOException {
        String trimmed = value.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:")) {
            byte[] bytes = decodeDataUri(trimmed);
            BufferedImage image = decode(bytes, "the data URI");
            context.storeInput("upload" + extensionOf(lower), bytes);
            return image;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri = loopbackUri(trimmed);
            byte[] bytes = context.fetch(uri);
            BufferedImage image = decode(bytes, trimmed);
            String name = Path.of(uri.getPath().isEmpty() ? "/download" : uri.getPath()).getFileName().toString();
            context.storeInput(name.isEmpty() ? "download" : name, bytes);
            return image;
        }
        Path file = inputFile(trimmed, context.inputFolder());
        return decode(Files.readAllBytes(file), "\"" + trimmed + "\"");
    }

    static URI loopbackUri(String url) throws IOException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new NodeCall.InputProblem("input \"image\" is not a valid URL: " + e.getMessage());
        }
        String host = uri.getHost();
        if (host == null || !isLoopback(host)) {
            throw new NodeCall.InputProblem("input \"image\" points to " + (host == null ? url : host)
                    + "; the sandbox only fetches images from this computer (127.0.0.1 or localhost). Use a data "
                    + "URI, a file in the sandbox input folder, or a real RunComfy deployment");
        }
        return uri;
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name is never resolved, so DNS cannot point the sandbox elsewhere.
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] decodeDataUri(String uri) {
        int comma = uri.indexOf(',');
        if (comma < 0 || !uri.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw new NodeCall.InputProblem("input \"image\" is a data URI without base64 content; expected "
                    + "data:image/png;base64,...");
        }
        try {
            return Base64.getMimeDecoder().decode(uri.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw new NodeCall.InputProblem("input \"image\" has a data URI whose base64 content is damaged");
        }
    }

    private static String extensionOf(String dataUri) {
        if (dataUri.startsWith("data:image/jpeg") || dataUri.startsWith("data:image/jpg")) {
            return ".jpg";
        }
        if (dataUri.startsWith("data:image/webp")) {
            return ".webp";
        }
        return dataUri.startsWith("data:image/png") ? ".png" : ".bin";
    }

    static Path inputFile(String name, Path folder) throws IOException {
        String clean = name.replaceFirst("\\s*\\[(input|output|temp)]$", "");
        Path root = folder.toAbsolutePath().normalize();
        Path file = root.resolve(clean).normalize();
        if (clean.isEmpty() || Path.of(clean).isAbsolute() || !file.startsWith(root)) {
            throw new NodeCall.InputProblem("input \"image\" is \"" + name + "\", which is outside the sandbox input "
                    + "folder; use a plain file name from " + root);
        }
        if (!Files.isRegularFile(file)) {
            String available;
            try (Stream<Path> files = Files.list(root)) {
                available = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted()
                        .limit(20).collect(Collectors.joining(", "));
            } catch (IOException e) {
                available = "";
            }
            throw new NodeCall.InputProblem("input \"image\" names \"" + clean + "\", which is not in the sandbox "
                    + "input folder " + root
                    + (available.isEmpty() ? " (it is empty)" : " (it has: " + available + ")"));
        }
        return file;
    }

    private static BufferedImage decode(byte[] bytes, String what) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            throw new NodeCall.InputProblem("input \"image\": " + what + " is not an image the sandbox can read "
                    + "(PNG, JPEG, GIF, BMP or WebP)");
        }
        return image;
    }
}
