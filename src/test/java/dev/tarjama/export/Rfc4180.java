package dev.tarjama.export;

import java.util.ArrayList;
import java.util.List;

/**
 * A small strict RFC 4180 reader for the tests (any single-char delimiter): records end with CRLF,
 * a field is either unquoted (no delimiter, quote, CR or LF) or quoted with doubled inner quotes.
 * Anything else throws, so sloppy quoting in an export fails the test.
 */
final class Rfc4180 {
    private Rfc4180() {}

    static List<List<String>> parse(String text, char delimiter) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (text.charAt(i) == '"') { // quoted field
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
            } else {
                while (i < n && text.charAt(i) != delimiter && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                    if (text.charAt(i) == '"') {
                        throw new IllegalArgumentException("quote inside unquoted field at " + i);
                    }
                    field.append(text.charAt(i++));
                }
            }
            record.add(field.toString());
            field.setLength(0);
            if (i < n && text.charAt(i) == delimiter) {
                i++;
                if (i == n) {
                    throw new IllegalArgumentException("text ends after a delimiter");
                }
            } else if (text.startsWith("\r\n", i)) {
                i += 2;
                records.add(record);
                record = new ArrayList<>();
            } else {
                throw new IllegalArgumentException("expected delimiter or CRLF at " + i);
            }
        }
        if (!record.isEmpty()) {
            throw new IllegalArgumentException("last record does not end with CRLF");
        }
        return records;
    }
}
