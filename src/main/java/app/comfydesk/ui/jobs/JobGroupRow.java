package app.comfydesk.ui.jobs;

/**
 * What a group's head row shows for its sweep: the group, its progress in words ("12 / 25 · 1 failed"), whether its
 * members are shown under it, and how many of them may still be cancelled.
 */
public record JobGroupRow(String groupId, String kind, String progress, boolean expanded, int unfinished,
                          boolean head) {

    /** "▸ Sweep · 12 / 25" (▾ when expanded) for the head, "└ in sweep" for a member shown under it. */
    public String label() {
        if (!head) {
            return "   └ ";
        }
        String name = kind == null || kind.isBlank() ? "Group" : Character.toUpperCase(kind.charAt(0))
                + kind.substring(1);
        return (expanded ? "▾ " : "▸ ") + name + " · " + progress + "  ";
    }
}
