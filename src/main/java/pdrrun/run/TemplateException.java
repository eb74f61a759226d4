package pdrrun.run;

import java.util.Objects;

/**
 * A KOSMA-tau input template could not be loaded, rendered or checked. The message always starts
 * with the template's name (a path or the name of a shipped template), so a user with several
 * templates knows which one to fix.
 */
public final class TemplateException extends RuntimeException {

    private final String templateName;

    /**
     * @param templateName the path or name of the template
     * @param problem what is wrong, without the template name
     */
    public TemplateException(String templateName, String problem) {
        this(templateName, problem, null);
    }

    /**
     * @param templateName the path or name of the template
     * @param problem what is wrong, without the template name
     * @param cause the underlying failure, or null
     */
    public TemplateException(String templateName, String problem, Throwable cause) {
        super("template " + Objects.requireNonNull(templateName, "templateName") + ": " + problem, cause);
        this.templateName = templateName;
    }

    /** The path or name of the template concerned. */
    public String templateName() {
        return templateName;
    }
}
