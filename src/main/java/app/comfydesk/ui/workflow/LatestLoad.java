package app.comfydesk.ui.workflow;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Tickets for background loads of which only the newest may show its result. Loads finish in any order; without
 * this, a slow answer for a workflow the user already replaced would bring it back. Every load takes a ticket when
 * it starts and applies its result only if no newer load started since.
 */
final class LatestLoad {

    private final AtomicLong latest = new AtomicLong();

    /** A ticket for a load that starts now; every ticket handed out before it is stale from now on. */
    Ticket start() {
        return new Ticket(latest.incrementAndGet());
    }

    /** The ticket of the newest load started so far, for work that must not make it stale (a re-description). */
    Ticket current() {
        return new Ticket(latest.get());
    }

    final class Ticket {
        private final long number;

        private Ticket(long number) {
            this.number = number;
        }

        /** Whether no load started after this one. */
        boolean isLatest() {
            return latest.get() == number;
        }
    }
}
