package org.trustmap.crawler.sources.gleif;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** One GLEIF record read from StAX as a small tree of local names and texts; only one record is held at a time. */
final class XmlElement {
    private static final XmlElement ABSENT = new XmlElement("");

    private final String name;
    private final StringBuilder text = new StringBuilder();
    private final List<XmlElement> children = new ArrayList<>();

    private XmlElement(String name) {
        this.name = name;
    }

    /** Reads the element the reader is on (a START_ELEMENT) up to and including its END_ELEMENT. */
    static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
        XmlElement element = new XmlElement(reader.getLocalName());
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                element.children.add(read(reader));
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                element.text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return element;
            }
        }
    }

    String name() {
        return name;
    }

    /** The first child of that local name, or an empty element. */
    XmlElement child(String local) {
        return children.stream().filter(c -> c.name.equals(local)).findFirst().orElse(ABSENT);
    }

    List<XmlElement> children(String local) {
        return children.stream().filter(c -> c.name.equals(local)).toList();
    }

    /** The text at a path of child names, stripped, or null when absent or blank. */
    String text(String... path) {
        XmlElement at = this;
        for (String local : path) {
            at = at.child(local);
        }
        return GleifValues.blankToNull(at.text.toString());
    }
}
