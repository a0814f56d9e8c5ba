package dev.tarjama.export;

import java.time.Instant;
import java.util.Objects;

/**
 * What an export needs besides the document. The creation time is injected (not read from the
 * clock inside the exporters) so that output is reproducible and golden files are stable.
 *
 * @param title optional document title; {@code null} or blank means "derive one from the document"
 * @param created the creation time written into headers and metadata
 * @param toolName the producing tool, e.g. {@code Tarjama} (TMX {@code creationtool}, XLIFF tool)
 * @param toolVersion the producing tool's version (TMX {@code creationtoolversion})
 * @param options the consumer's choices ({@link ExportOptions#DEFAULTS} unless given)
 */
public record ExportContext(String title, Instant created, String toolName, String toolVersion, ExportOptions options) {
    /** The tool name used by {@link #now}. */
    public static final String TOOL_NAME = "Tarjama";

    public ExportContext {
        title = title == null ? "" : title.strip();
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(options, "options");
        if (toolName.isBlank() || toolVersion.isBlank()) {
            throw new IllegalArgumentException("toolName and toolVersion must not be blank");
        }
    }

    /** A context with the default options. */
    public ExportContext(String title, Instant created, String toolName, String toolVersion) {
        this(title, created, toolName, toolVersion, ExportOptions.DEFAULTS);
    }

    /** This context with other options. */
    public ExportContext withOptions(ExportOptions value) {
        return new ExportContext(title, created, toolName, toolVersion, value);
    }

    /**
     * A context stamped with the current time and this build's version (the jar manifest's
     * {@code Implementation-Version}, or {@code dev} when run from classes).
     */
    public static ExportContext now(String title) {
        String v = ExportContext.class.getPackage().getImplementationVersion();
        return new ExportContext(title, Instant.now(), TOOL_NAME, v == null ? "dev" : v);
    }

    /** Whether a title was given. */
    public boolean hasTitle() {
        return !title.isEmpty();
    }
}
