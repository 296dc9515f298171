package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.Trace;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads mtr --xml: {@code <MTR DST=.. TESTS=..>} with one {@code <HUB COUNT=.. HOST=..>} per
 * host, its statistics as child elements named by column title ({@code Loss}, since XML names
 * cannot hold '%').
 */
final class MtrXmlParser implements TraceParser {

    static final String FORMAT = "mtr-xml";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(String output) {
        String head = output.stripLeading();
        return head.startsWith("<?xml") && head.contains("<MTR") || head.startsWith("<MTR");
    }

    @Override
    public List<Trace> parse(String output, ParseContext context) throws MalformedOutputException {
        if (output.isBlank()) {
            throw new MalformedOutputException("the output is empty");
        }
        Element root = document(output).getDocumentElement();
        if (!"MTR".equals(root.getTagName())) {
            throw new MalformedOutputException("XML", "root element is <" + root.getTagName() + ">, not <MTR>");
        }
        MtrRun run = new MtrRun();
        run.target = root.getAttribute("DST");
        run.cycles = root.hasAttribute("TESTS") ? integer(root.getAttribute("TESTS"), "MTR@TESTS") : null;
        NodeList hubs = root.getElementsByTagName("HUB");
        for (int i = 0; i < hubs.getLength(); i++) {
            Element element = (Element) hubs.item(i);
            String where = "HUB[" + (i + 1) + "]";
            MtrHub hub = new MtrHub(where, integer(element.getAttribute("COUNT"), where + "@COUNT"),
                    element.getAttribute("HOST"), null);
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element value) {
                    MtrColumn column = MtrColumn.byTitle(value.getTagName());
                    if (column == null) {
                        throw new MalformedOutputException(where, "unknown mtr column <" + value.getTagName() + ">");
                    }
                    hub.value(column, value.getTextContent());
                }
            }
            run.hubs.add(hub);
        }
        if (run.hubs.isEmpty()) {
            throw new MalformedOutputException("XML", "no <HUB> elements");
        }
        return TraceDraft.finish(List.of(run.toDraft()), FORMAT, output, context);
    }

    private static Document document(String output) throws MalformedOutputException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Tool output never needs a DTD; refusing them shuts out entity expansion and external fetches.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // DefaultHandler rethrows fatal errors instead of printing them to stderr.
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new InputSource(new StringReader(output)));
        } catch (SAXParseException e) {
            throw new MalformedOutputException("XML line " + e.getLineNumber() + " column " + e.getColumnNumber(), e.getMessage());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new MalformedOutputException("unreadable XML: " + e.getMessage());
        }
    }

    private static int integer(String text, String where) throws MalformedOutputException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new MalformedOutputException(where, "'" + text + "' is not a whole number");
        }
    }
}
