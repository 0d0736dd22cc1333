package app.comfydesk.api;

import java.util.Locale;

/** The API version segment of every path: {@code /prod/v1/...} (default) or {@code /prod/v2/...}. */
public enum ApiVersion {
    V1("v1"),
    V2("v2");

    private final String pathSegment;

    ApiVersion(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    public String pathSegment() {
        return pathSegment;
    }

    /** Reads "v1", "V2", "2"; throws {@link IllegalArgumentException} with a user-facing message otherwise. */
    public static ApiVersion parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "v1", "1" -> V1;
            case "v2", "2" -> V2;
            default -> throw new IllegalArgumentException("Unknown API version '" + text + "': use v1 or v2");
        };
    }
}
