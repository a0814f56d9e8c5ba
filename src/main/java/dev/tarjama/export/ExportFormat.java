package dev.tarjama.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The formats a {@link dev.tarjama.translation.TranslatedDocument} can be exported to.
 *
 * <p>JSON is deliberately not here: it is the API's own representation and the HTTP layer renders it
 * itself. {@link #fromName} and {@link #fromAcceptHeader} therefore return empty for {@code json}
 * and {@code application/json}, which callers treat as "JSON, the default".
 */
public enum ExportFormat {
    HTML("html", "text/html; charset=utf-8", "html", List.of("text/html", "application/xhtml+xml")),
    TMX("tmx", "application/x-tmx+xml; charset=utf-8", "tmx", List.of("application/x-tmx+xml", "application/tmx+xml")),
    /** XLIFF 2.1; the media type {@code application/xliff+xml} negotiates to this one. */
    XLIFF("xliff", "application/xliff+xml; charset=utf-8", "xlf", List.of("application/xliff+xml", "application/x-xliff+xml")),
    /** XLIFF 1.2, only by name ({@code format=xliff12}): it shares its media type with XLIFF 2.1. */
    XLIFF12("xliff12", "application/xliff+xml; charset=utf-8", "xlf", List.of()),
    TSV("tsv", "text/tab-separated-values; charset=utf-8", "tsv", List.of("text/tab-separated-values")),
    CSV("csv", "text/csv; charset=utf-8; header=present", "csv", List.of("text/csv")),
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
            List.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
    MD("md", "text/markdown; charset=utf-8", "md", List.of("text/markdown", "text/x-markdown"));

    private final String requestName;
    private final String contentType;
    private final String extension;
    private final List<String> mediaTypes;

    ExportFormat(String requestName, String contentType, String extension, List<String> mediaTypes) {
        this.requestName = requestName;
        this.contentType = contentType;
        this.extension = extension;
        this.mediaTypes = mediaTypes;
    }

    /** The name used in {@code ?format=}, e.g. {@code xliff12}. */
    public String requestName() {
        return requestName;
    }

    /** The value for the {@code Content-Type} header (text formats carry {@code charset=utf-8}). */
    public String contentType() {
        return contentType;
    }

    /** File extension without the dot, e.g. {@code xlf}. */
    public String extension() {
        return extension;
    }

    /** Whether the output is UTF-8 text (everything except DOCX). */
    public boolean isText() {
        return this != DOCX;
    }

    /** The format with this request name (case-insensitive, surrounding blanks ignored). */
    public static Optional<ExportFormat> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.requestName.equals(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The format for one media type such as {@code text/csv; charset=utf-8} (parameters and case are
     * ignored). Wildcards and {@code application/json} give empty.
     */
    public static Optional<ExportFormat> fromMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        String essence = essence(mediaType);
        for (ExportFormat f : values()) {
            if (f.mediaTypes.contains(essence)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Negotiates an {@code Accept} header: the entries are ranked by their {@code q} value (ties keep
     * header order); the first that is JSON or a wildcard ends the search with empty (JSON wins), the
     * first that names an export format is returned. Entries with {@code q=0} are ignored.
     */
    public static Optional<ExportFormat> fromAcceptHeader(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.empty();
        }
        List<String> ranges = new ArrayList<>();
        List<Double> qs = new ArrayList<>();
        for (String part : accept.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            ranges.add(essence(part));
            qs.add(quality(part));
        }
        Integer[] order = new Integer[ranges.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(qs.get(b), qs.get(a))); // stable
        for (int i : order) {
            if (qs.get(i) <= 0) {
                continue;
            }
            String range = ranges.get(i);
            if (range.equals("application/json") || range.endsWith("/*") || range.equals("*")) {
                return Optional.empty();
            }
            Optional<ExportFormat> f = fromMediaType(range);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    private static String essence(String mediaType) {
        int semi = mediaType.indexOf(';');
        String e = semi < 0 ? mediaType : mediaType.substring(0, semi);
        return e.strip().toLowerCase(Locale.ROOT);
    }

    private static double quality(String range) {
        for (String param : range.split(";")) {
            String p = param.strip();
            if (p.length() > 2 && (p.startsWith("q=") || p.startsWith("Q="))) {
                try {
                    return Double.parseDouble(p.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
