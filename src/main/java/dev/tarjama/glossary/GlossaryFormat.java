package dev.tarjama.glossary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Glossary entries as text, in the format DeepL uses: one entry per line, source (Arabic) first,
 * target (English) second, no header; blank lines are skipped; a UTF-8 BOM at the start is ignored;
 * whitespace around a field is trimmed.
 * <ul>
 *   <li>{@link #CSV}: comma-separated; a field containing a comma or a double quote is enclosed in
 *       double quotes, a quote inside it doubled ({@code "say ""hi"""}). Optionally two more columns
 *       name the source and target language, which must then be {@code ar} and {@code en}.</li>
 *   <li>{@link #TSV}: the same with one tab between the two fields, no quoting.</li>
 * </ul>
 * Every error names its line. No two lines may have the same Arabic term (ignoring tashkeel).
 */
public enum GlossaryFormat {
    CSV, TSV;

    /** {@code csv} or {@code tsv}, any case. */
    public static GlossaryFormat of(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "tsv" -> TSV;
            default -> throw new IllegalArgumentException("glossary format must be csv or tsv, got '" + name + "'");
        };
    }

    /** Parses the entries; throws {@link GlossaryFormatException} naming the first bad line. */
    public List<GlossaryEntry> parse(String content) {
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        String[] lines = content.split("\r\n|\n|\r", -1);
        List<GlossaryEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = this == CSV ? csvFields(line, lineNo) : List.of(line.split("\t", -1));
            if (this == CSV && fields.size() == 4) {
                checkLanguages(fields.get(2).strip(), fields.get(3).strip(), lineNo);
            } else if (fields.size() != 2) {
                throw new GlossaryFormatException(lineNo, "expected 2 fields (Arabic" + (this == CSV ? "," : "<tab>")
                        + "English" + (this == CSV ? ", optionally followed by ,ar,en" : "") + "), found " + fields.size());
            }
            GlossaryEntry entry;
            try {
                entry = new GlossaryEntry(fields.get(0).strip(), fields.get(1).strip());
            } catch (IllegalArgumentException e) {
                throw new GlossaryFormatException(lineNo, e.getMessage());
            }
            Integer first = seen.putIfAbsent(ArabicFolding.foldTerm(entry.ar()), lineNo);
            if (first != null) {
                throw new GlossaryFormatException(lineNo, "Arabic term '" + entry.ar() + "' is already on line " + first);
            }
            entries.add(entry);
        }
        return entries;
    }

    /** Writes the entries, one per line, LF line ends; {@link #parse} reads them back unchanged. */
    public String write(List<GlossaryEntry> entries) {
        StringBuilder sb = new StringBuilder();
        for (GlossaryEntry e : entries) {
            if (this == TSV) {
                if (e.ar().indexOf('\t') >= 0 || e.en().indexOf('\t') >= 0) {
                    throw new IllegalArgumentException("a TSV entry cannot contain a tab: " + e.describe());
                }
                sb.append(e.ar()).append('\t').append(e.en());
            } else {
                sb.append(quote(e.ar())).append(',').append(quote(e.en()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static void checkLanguages(String source, String target, int lineNo) {
        if (!source.equalsIgnoreCase("ar") || !target.equalsIgnoreCase("en")) {
            throw new GlossaryFormatException(lineNo, "languages must be ar,en, found " + source + "," + target);
        }
    }

    private static List<String> csvFields(String line, int lineNo) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder field = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    field.append(c);
                    i++;
                }
                if (!closed) {
                    throw new GlossaryFormatException(lineNo, "a quoted field is not closed (a field cannot span lines)");
                }
                while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new GlossaryFormatException(lineNo, "unexpected text after a closing quote at column " + (i + 1));
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    if (line.charAt(i) == '"') {
                        throw new GlossaryFormatException(lineNo, "a double quote inside an unquoted field at column " + (i + 1)
                                + "; enclose the field in double quotes and double the quote");
                    }
                    field.append(line.charAt(i));
                    i++;
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
