package dev.tarjama.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming XML writer shared by the TMX and XLIFF exporters: UTF-8, two-space
 * indentation between elements, and no whitespace inside text-only elements. All text and attribute
 * values go through {@link #escapeText} / {@link #escapeAttribute}, so content can never close a
 * tag, open markup or (since {@code >} is always escaped) form {@code ]]>}.
 */
final class XmlWriter {
    private final Writer out;
    private final Deque<String> open = new ArrayDeque<>();

    XmlWriter(OutputStream stream) {
        this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /** Escapes element content: forbidden characters removed, {@code & < >} and CR as references. */
    static String escapeText(String s) {
        return escape(s, false);
    }

    /** Escapes an attribute value: as text, plus quotes and TAB/LF/CR as references. */
    static String escapeAttribute(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        String clean = Texts.clean(s);
        StringBuilder b = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\r' -> b.append("&#13;"); // a raw CR would be normalized away by the parser
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\'' -> b.append(attribute ? "&apos;" : "'");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Opens an element; {@code attributes} are name/value pairs, values escaped here. */
    XmlWriter start(String name, String... attributes) {
        indent();
        raw("<" + name + attributes(attributes) + ">\n");
        open.push(name);
        return this;
    }

    /** Writes {@code <name attrs>text</name>} on one line. */
    XmlWriter element(String name, String text, String... attributes) {
        indent();
        raw("<" + name + attributes(attributes) + ">" + escapeText(text) + "</" + name + ">\n");
        return this;
    }

    /** Writes {@code <name attrs/>}. */
    XmlWriter empty(String name, String... attributes) {
        indent();
        raw("<" + name + attributes(attributes) + "/>\n");
        return this;
    }

    /** Closes the innermost open element. */
    XmlWriter end() {
        String name = open.pop();
        indent();
        raw("</" + name + ">\n");
        return this;
    }

    /** Closes all open elements and flushes (the underlying stream stays open). */
    void finish() {
        while (!open.isEmpty()) {
            end();
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String attributes(String[] pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes must be name/value pairs");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(' ').append(pairs[i]).append("=\"").append(escapeAttribute(pairs[i + 1])).append('"');
        }
        return b.toString();
    }

    private void indent() {
        raw("  ".repeat(open.size()));
    }

    private void raw(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
