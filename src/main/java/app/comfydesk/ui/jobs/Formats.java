package app.comfydesk.ui.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times and durations read in the monitor: "12:04:31" today, "Nov 27 12:04" before; "0:41", "1:02:03". */
final class Formats {

    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Formats() {
    }

    static String time(Instant instant, Instant now) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime local = instant.atZone(ZoneId.systemDefault());
        LocalDate today = now.atZone(ZoneId.systemDefault()).toLocalDate();
        return (local.toLocalDate().equals(today) ? TODAY : EARLIER).format(local);
    }

    static String fullTime(Instant instant) {
        return instant == null ? "—" : FULL.format(instant.atZone(ZoneId.systemDefault()));
    }

    static String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = duration.getSeconds();
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
                : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
    }

    /** "Waiting for a GPU · #3 · 0:42"; {@code long} spells the place out ("#3 in queue"). */
    static String waitingText(JobRow row, Instant now, boolean spelled) {
        Integer position = row.queuePosition();
        String place = position == null ? "" : " · " + (spelled ? queuePlace(position)
                : position <= 0 ? "next" : "#" + (position + 1));
        return "Waiting for a GPU" + place + " · " + duration(row.duration(now));
    }

    /** The API counts the queue from 0 (0 = runs next); people count from 1: "next", "#2 in queue". */
    static String queuePlace(int zeroBasedPosition) {
        return zeroBasedPosition <= 0 ? "next" : "#" + (zeroBasedPosition + 1) + " in queue";
    }

    /**
     * The chip's words: "Waiting for a GPU · #3 · 0:42" (queued, no instance yet: position and time waited),
     * "Queued · next", "Running 1:14", "Succeeded".
     */
    static String chipText(JobRow row, Instant now) {
        if (row.waitingForGpu()) {
            return waitingText(row, now, false);
        }
        return switch (row.phase()) {
            // Short in the chip ("#3"); the details' timeline spells it out ("#3 in queue").
            case QUEUED -> row.queuePosition() == null ? "Queued"
                    : "Queued · " + (row.queuePosition() <= 0 ? "next" : "#" + (row.queuePosition() + 1));
            // The same figure as the Duration column (time since submit, same clock), so the two never disagree.
            case RUNNING -> "Running " + duration(row.duration(now));
            default -> StatusLook.label(row.phase());
        };
    }
}
