package app.comfydesk.ui.workflow;

import java.util.List;

/** Lets tests outside the package read the form's rows without widening the production API. */
public final class FormItemsProbe {

    private FormItemsProbe() {
    }

    public static List<String> headings(WorkflowFormModel form) {
        return form.items().stream().filter(item -> item instanceof FormItem.Heading)
                .map(item -> ((FormItem.Heading) item).text()).toList();
    }

    public static int sections(WorkflowFormModel form) {
        return (int) form.items().stream().filter(item -> item instanceof FormItem.Section).count();
    }
}
