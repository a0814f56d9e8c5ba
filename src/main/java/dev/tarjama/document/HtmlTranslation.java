package dev.tarjama.document;

import dev.tarjama.translation.TranslatedDocument;
import java.util.List;

/**
 * An HTML document translated with its markup.
 *
 * @param html the translated HTML: same structure and attributes, text in English
 * @param text the text that was translated: one line per block (or translated attribute), which the
 *     document's offsets index
 * @param document the aligned document, one paragraph per block or attribute that had text
 * @param paths for each paragraph of {@code document}, the CSS selector of its element (an attribute
 *     as {@code selector@alt})
 */
public record HtmlTranslation(String html, String text, TranslatedDocument document, List<String> paths) {
    public HtmlTranslation {
        paths = List.copyOf(paths);
        if (paths.size() != document.paragraphs().size()) {
            throw new IllegalArgumentException(paths.size() + " paths for " + document.paragraphs().size() + " paragraphs");
        }
    }
}
