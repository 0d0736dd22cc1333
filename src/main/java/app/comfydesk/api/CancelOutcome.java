package app.comfydesk.api;

import java.util.Locale;

/** What a cancel call achieved. */
public enum CancelOutcome {
    CANCELLED, CANCELLATION_REQUESTED, NOT_CANCELLABLE, UNKNOWN;

    public static CancelOutcome parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "cancelled", "canceled" -> CANCELLED;
            case "cancellation_requested", "cancelation_requested", "cancel_requested" -> CANCELLATION_REQUESTED;
            case "not_cancellable", "not_cancelable" -> NOT_CANCELLABLE;
            default -> UNKNOWN;
        };
    }
}
