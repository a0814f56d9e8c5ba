package dev.tarjama.document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Builds the nodes of one translated sentence: its text with the placed marks as elements (nested as
 * their ranges nest; a mark crossing its parent's end is cut there), then the moved marks at the end,
 * each wrapping the translation of its own text.
 */
final class SentenceRenderer {
    private SentenceRenderer() {}

    private static final class Item {
        final MarkupPlacer.Placed placed;
        final int start;
        int end;
        final List<Item> kids = new ArrayList<>();

        Item(MarkupPlacer.Placed placed, int start, int end) {
            this.placed = placed;
            this.start = start;
            this.end = end;
        }
    }

    /**
     * @param movedTexts the translation of each moved WRAP element's own text
     * @return the nodes, in order
     */
    static List<Node> render(String translation, List<MarkupPlacer.Placed> placed, List<InlineRun.Mark> moved,
            Map<Node, String> movedTexts) {
        Item root = new Item(null, 0, translation.length());
        List<MarkupPlacer.Placed> sorted = new ArrayList<>(placed);
        // by start, longer first, then the element outer in the source first: parents come before children
        // (a point at the start of an element goes before it)
        sorted.sort(Comparator.<MarkupPlacer.Placed>comparingInt(MarkupPlacer.Placed::start)
                .thenComparingInt(p -> p.mark().kind() == InlineRun.Kind.ATOM ? 0 : 1)
                .thenComparing(Comparator.comparingInt(MarkupPlacer.Placed::end).reversed())
                .thenComparingInt(p -> p.mark().depth()));
        List<Item> stack = new ArrayList<>();
        stack.add(root);
        for (MarkupPlacer.Placed p : sorted) {
            Item item = new Item(p, p.start(), p.end());
            while (stack.size() > 1 && !contains(stack.get(stack.size() - 1), item)) {
                stack.remove(stack.size() - 1);
            }
            Item parent = stack.get(stack.size() - 1);
            if (item.end > parent.end) {
                item.end = parent.end;
            }
            parent.kids.add(item);
            if (item.placed.mark().kind() == InlineRun.Kind.WRAP) {
                stack.add(item); // only wrapping elements take children; a verbatim one is put back as it was
            }
        }
        List<Node> out = new ArrayList<>();
        emit(root, translation, out);
        for (InlineRun.Mark m : moved) {
            out.add(new TextNode(" "));
            if (m.kind() == InlineRun.Kind.WRAP && m.node() instanceof Element e) {
                Element copy = e.shallowClone();
                copy.appendChild(new TextNode(movedTexts.getOrDefault(m.node(), e.text())));
                out.add(copy);
            } else {
                out.add(m.node().clone());
            }
        }
        return out;
    }

    private static boolean contains(Item outer, Item inner) {
        return inner.start >= outer.start && inner.start < outer.end;
    }

    private static void emit(Item item, String translation, List<Node> out) {
        int at = item.start;
        for (Item kid : item.kids) {
            if (kid.start > at) {
                out.add(new TextNode(translation.substring(at, kid.start)));
                at = kid.start;
            }
            Node node = kid.placed.mark().node();
            switch (kid.placed.mark().kind()) {
                case ATOM, VERBATIM -> out.add(node.clone());
                case WRAP -> {
                    Element copy = ((Element) node).shallowClone();
                    List<Node> inner = new ArrayList<>();
                    emit(kid, translation, inner);
                    for (Node n : inner) {
                        copy.appendChild(n);
                    }
                    out.add(copy);
                }
            }
            at = Math.max(at, kid.end);
        }
        if (item.end > at) {
            out.add(new TextNode(translation.substring(at, item.end)));
        }
    }
}
