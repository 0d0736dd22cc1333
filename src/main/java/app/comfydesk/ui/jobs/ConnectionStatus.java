package app.comfydesk.ui.jobs;

import java.time.Instant;

/**
 * Whether the API answered the poller lately.
 *
 * @param online   false after polls failed to reach the API (network down, DNS, 5xx storm)
 * @param host     the API host, for "connected · api.runcomfy.net"
 * @param message  why it is offline, in words; empty when online
 * @param lastPoll when a poll last got an answer, or null before the first
 */
public record ConnectionStatus(boolean online, String host, String message, Instant lastPoll) {

    public static ConnectionStatus unknown(String host) {
        return new ConnectionStatus(true, host, "", null);
    }
}
