package dev.tarjama.document;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * A maximal run of inline content inside a block: consecutive child nodes of {@code container} that
 * are text or inline elements. Its {@link #text()} is the concatenated text, line breaks turned into
 * spaces (offsets are kept), and {@link #marks()} says where each inline element lies in it.
 */
final class InlineRun {
    /** How a mark is carried onto the translation. */
    enum Kind {
        /** An inline element whose content is translated: it wraps the words aligned with its own. */
        WRAP,
        /** Kept as it was (code, translate="no"): replaces the words aligned with its text. */
        VERBATIM,
        /** No text (br, img, a comment, an inline script): placed as a point. */
        ATOM
    }

    /** One inline element or point and its UTF-16 range {@code [start, end)} in the run's text. */
    record Mark(Node node, int start, int end, int depth, Kind kind) {}

    final Element container;
    final List<Node> nodes = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final List<Mark> marks = new ArrayList<>();

    InlineRun(Element container) {
        this.container = container;
    }

    /** Adds the next top-level node of the run. */
    void add(Node n) {
        nodes.add(n);
        walk(n, 0);
    }

    String text() {
        return text.toString();
    }

    List<Mark> marks() {
        return marks;
    }

    private void walk(Node n, int depth) {
        if (n instanceof TextNode t) {
            appendClean(t.getWholeText());
        } else if (Markup.atom(n)) {
            marks.add(new Mark(n, text.length(), text.length(), depth, Kind.ATOM));
        } else if (n instanceof Element e) {
            int start = text.length();
            if (Markup.verbatim(e)) {
                appendClean(e.wholeText());
                marks.add(new Mark(e, start, text.length(), depth, Kind.VERBATIM));
                return;
            }
            int inner = marks.size();
            for (Node child : e.childNodes()) {
                walk(child, depth + 1);
            }
            if (text.length() == start) {
                // an empty element (an anchor, an empty span): a point, carried whole with its content
                marks.subList(inner, marks.size()).clear();
                marks.add(new Mark(e, start, start, depth, Kind.ATOM));
            } else {
                marks.add(new Mark(e, start, text.length(), depth, Kind.WRAP));
            }
        }
    }

    /** Appends text with every line or paragraph separator turned into a space (same length). */
    private void appendClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            text.append(c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\u000B'
                    || c == '\f' ? ' ' : c);
        }
    }
}
