package app.comfydesk.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/**
 * The two looks of the app: AtlantaFX Primer light and dark as user-agent stylesheets, in their binary (.bss) form,
 * which JavaFX loads without parsing 170 KB of CSS on the FX thread before the first frame.
 */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheetBSS()),
    DARK(new PrimerDark().getUserAgentStylesheetBSS());

    private final String userAgentStylesheet;

    Theme(String userAgentStylesheet) {
        this.userAgentStylesheet = userAgentStylesheet;
    }

    public String userAgentStylesheet() {
        return userAgentStylesheet;
    }

    public boolean isDark() {
        return this == DARK;
    }

    public Theme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** Tolerant of old or hand-edited settings: anything unknown is light. */
    public static Theme parse(String name) {
        return "dark".equalsIgnoreCase(name) ? DARK : LIGHT;
    }
}
