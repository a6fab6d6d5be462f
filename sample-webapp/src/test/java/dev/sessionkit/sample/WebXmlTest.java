package dev.sessionkit.sample;

import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.sample.pages.Pages;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The WAR and SampleApp serve the same pages: web.xml must not drift from {@link Pages}. */
class WebXmlTest {

    @Test
    void webXmlMapsThePagesThatSampleAppRegisters() throws Exception {
        Document webXml = parse();
        Map<String, String> classes = new LinkedHashMap<>();
        for (Element servlet : elements(webXml, "servlet")) {
            classes.put(text(servlet, "servlet-name"), text(servlet, "servlet-class"));
        }
        Map<String, String> mapped = new LinkedHashMap<>();
        for (Element mapping : elements(webXml, "servlet-mapping")) {
            mapped.put(text(mapping, "url-pattern"), classes.get(text(mapping, "servlet-name")));
        }
        Map<String, String> registered = new LinkedHashMap<>();
        Pages.servlets().forEach((path, servlet) -> registered.put(path, servlet.getClass().getName()));
        assertEquals(registered, mapped);
    }

    @Test
    void webXmlPutsTheSessionFilterOnEveryPath() throws Exception {
        Document webXml = parse();
        assertEquals(SessionFilter.class.getName(), text(elements(webXml, "filter")[0], "filter-class"));
        assertEquals("/*", text(elements(webXml, "filter-mapping")[0], "url-pattern"));
        assertEquals("true", webXml.getDocumentElement().getAttribute("metadata-complete"),
                "annotations are not scanned, so AnnotatedSessionFilter cannot map the filter a second time");
    }

    private static Document parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(Path.of("src/main/webapp/WEB-INF/web.xml").toFile());
    }

    private static Element[] elements(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS("*", name);
        Element[] elements = new Element[nodes.getLength()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = (Element) nodes.item(i);
        }
        return elements;
    }

    private static String text(Element parent, String child) {
        return parent.getElementsByTagNameNS("*", child).item(0).getTextContent().trim();
    }
}
