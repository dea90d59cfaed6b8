package life.suoke.ops.engine.projection;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The names a BPMN resource gives its processes and elements, by id. Records carry ids only, but
 * searches show names (a process instance's process name, an element instance's element name), so
 * the projection reads them from the deployed XML once per definition.
 */
record BpmnNames(Map<String, String> namesById) {

  static final BpmnNames NONE = new BpmnNames(Map.of());

  private static final XMLInputFactory FACTORY = secureFactory();

  String name(String id) {
    return namesById.get(id);
  }

  static BpmnNames parse(byte[] xml) {
    if (xml == null || xml.length == 0) {
      return NONE;
    }
    Map<String, String> names = new HashMap<>();
    try {
      XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
      try {
        while (reader.hasNext()) {
          if (reader.next() == XMLStreamConstants.START_ELEMENT) {
            String id = reader.getAttributeValue(null, "id");
            String name = reader.getAttributeValue(null, "name");
            if (id != null && name != null && !name.isBlank()) {
              names.putIfAbsent(id, name);
            }
          }
        }
      } finally {
        reader.close();
      }
    } catch (XMLStreamException e) {
      // A deployed resource was valid BPMN; if it cannot be read here, searches show ids without
      // names.
      return new BpmnNames(names);
    }
    return new BpmnNames(names);
  }

  private static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
