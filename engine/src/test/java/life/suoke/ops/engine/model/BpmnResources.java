package life.suoke.ops.engine.model;

import java.nio.charset.StandardCharsets;

/**
 * BPMN test resources: a definitions element with the namespaces the tests use, around their
 * content.
 */
final class BpmnResources {

  private BpmnResources() {}

  /**
   * A BPMN file: {@code globals} (messages, signals, errors, escalations) followed by one
   * executable process with id {@code p} whose flow elements are {@code processBody}.
   */
  static byte[] definitions(String globals, String processBody) {
    return ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
        """
            + globals
            + """
          <bpmn:process id="p" isExecutable="true">
        """
            + processBody
            + """
          </bpmn:process>
        </bpmn:definitions>
        """)
        .getBytes(StandardCharsets.UTF_8);
  }
}
