package io.smoketrace.ui.chart;

/** A small SVG writer: elements appended as text, attribute values and text escaped. */
final class Svg {

    private final StringBuilder out = new StringBuilder(4096);

    Svg(int width, int height, String cssClass, String label) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(escape(cssClass))
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\">");
    }

    /** Opens an element with attributes given as name, value pairs; {@code close} makes it empty. */
    Svg open(String element, boolean close, Object... attributes) {
        out.append('<').append(element);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(format(value))).append('"');
            }
        }
        out.append(close ? "/>" : ">");
        return this;
    }

    Svg end(String element) {
        out.append("</").append(element).append('>');
        return this;
    }

    Svg text(double x, double y, String cssClass, String text, Object... attributes) {
        Object[] all = new Object[attributes.length + 6];
        all[0] = "x";
        all[1] = x;
        all[2] = "y";
        all[3] = y;
        all[4] = "class";
        all[5] = cssClass;
        System.arraycopy(attributes, 0, all, 6, attributes.length);
        open("text", false, all);
        out.append(escape(text));
        return end("text");
    }

    /** A tooltip for the element just opened. */
    Svg title(String text) {
        out.append("<title>").append(escape(text)).append("</title>");
        return this;
    }

    String finish() {
        return out.append("</svg>").toString();
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            return num(d);
        }
        return value.toString();
    }

    /**
     * A number with at most one decimal, no exponent, no trailing {@code .0}: {@code 12.5}, {@code 3}.
     * Done by hand, not with String.format: a chart has thousands of coordinates.
     */
    static String num(double value) {
        long tenths = Math.round(value * 10);
        long whole = Math.abs(tenths) / 10;
        long tenth = Math.abs(tenths) % 10;
        String sign = tenths < 0 ? "-" : "";
        return tenth == 0 ? sign + whole : sign + whole + "." + tenth;
    }

    /** A number with exactly one decimal: {@code 12.0}. */
    static String oneDecimal(double value) {
        String text = num(value);
        return text.indexOf('.') < 0 ? text + ".0" : text;
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
