package dev.tarjama.document;

import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/** How the HTML walker treats an element: which tags are blocks, which are left alone. */
final class Markup {
    private Markup() {}

    /** Elements whose inline content is a paragraph of its own (and that hold other blocks). */
    static final Set<String> BLOCKS = Set.of("html", "head", "body", "title", "p", "h1", "h2", "h3", "h4", "h5", "h6",
            "li", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
            "blockquote", "figure", "figcaption", "div", "section", "article", "header", "footer", "main", "aside",
            "nav", "address", "form", "fieldset", "legend", "details", "summary", "hr", "center", "hgroup", "menu");
    /** Left untouched wherever they are, and never sent to the model. */
    private static final Set<String> INERT = Set.of("script", "style", "template", "noscript", "svg", "math", "iframe",
            "object", "canvas", "textarea", "select", "audio", "video", "map");
    /** Kept verbatim; inside a sentence their text is shown to the model for context but not replaced. */
    private static final Set<String> VERBATIM = Set.of("code", "pre", "kbd", "samp", "var", "tt");
    /** Void elements: no content, placed as a point. */
    private static final Set<String> VOID = Set.of("br", "img", "wbr", "input", "hr", "source", "track", "area",
            "embed", "col", "meta", "link", "base", "param");

    static String tag(Element e) {
        return e.normalName().toLowerCase(Locale.ROOT);
    }

    /** Marked {@code translate="no"} or class {@code notranslate}. */
    static boolean doNotTranslate(Element e) {
        return e.attr("translate").trim().equalsIgnoreCase("no") || e.hasClass("notranslate");
    }

    /** Left entirely alone as a block: script-like, {@code pre}/{@code code}, or marked not to translate. */
    static boolean untouched(Element e) {
        String t = tag(e);
        return INERT.contains(t) || VERBATIM.contains(t) || doNotTranslate(e);
    }

    /** Inside a sentence: a point (no text the model should see). */
    static boolean atom(Node n) {
        if (!(n instanceof Element e)) {
            return !(n instanceof org.jsoup.nodes.TextNode);
        }
        String t = tag(e);
        return VOID.contains(t) || INERT.contains(t);
    }

    /** Inside a sentence: kept verbatim (its text is shown to the model, the element put back as it was). */
    static boolean verbatim(Element e) {
        return VERBATIM.contains(tag(e)) || doNotTranslate(e);
    }

    /** A block, or an inline element that holds a block (then it is walked as a container). */
    static boolean block(Element e) {
        if (BLOCKS.contains(tag(e))) {
            return true;
        }
        for (Element child : e.children()) {
            if (!untouched(child) && block(child)) {
                return true;
            }
        }
        return false;
    }
}
