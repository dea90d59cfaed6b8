package life.suoke.ops.engine.processing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.xml.parsers.DocumentBuilderFactory;
import life.suoke.ops.engine.api.DeploymentResult;
import life.suoke.ops.engine.api.EngineApi.Resource;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.model.DeploymentRejectedException;
import life.suoke.ops.engine.model.DeploymentRejectedException.ValidationError;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableJobWorkerTask;
import life.suoke.ops.engine.model.ExecutableMultiInstanceBody;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.model.ExecutableUserTask;
import life.suoke.ops.engine.model.LinkedForm;
import life.suoke.ops.engine.processing.bpmn.behavior.DecisionBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionFailure;
import life.suoke.ops.engine.processing.bpmn.behavior.TimerBehavior;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.DecisionIntent;
import life.suoke.ops.engine.record.intent.DecisionRequirementsIntent;
import life.suoke.ops.engine.record.intent.DeploymentIntent;
import life.suoke.ops.engine.record.intent.FormIntent;
import life.suoke.ops.engine.record.intent.ProcessIntent;
import life.suoke.ops.engine.record.value.DecisionRequirementsValue;
import life.suoke.ops.engine.record.value.DecisionValue;
import life.suoke.ops.engine.record.value.DeploymentValue;
import life.suoke.ops.engine.record.value.FormValue;
import life.suoke.ops.engine.record.value.ProcessValue;
import life.suoke.ops.engine.state.DeployedResource;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.JsonValues;
import life.suoke.ops.engine.state.ProcessDefinition;
import life.suoke.ops.engine.state.TimerInstance;
import life.suoke.ops.engine.timer.TimerSchedule;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Deploys BPMN processes (validated, versioned per process id), and DMN and form resources
 * (versioned per decision and form id). A batch is all or nothing; a resource identical to the
 * latest deployed version is not deployed again, its existing version is returned (Zeebe's
 * duplicate detection). A new version counts on from the highest version ever deployed, deleted
 * ones included (Zeebe never reuses a version).
 */
final class DeploymentProcessor {

  private static final String ERRORS_HEADER =
      "Expected to deploy new resources, but encountered the following errors:";

  private final BpmnTransformer transformer;
  private final TimerBehavior timers;
  private final DecisionBehavior decisions;

  DeploymentProcessor(
      BpmnTransformer transformer, TimerBehavior timers, DecisionBehavior decisions) {
    this.transformer = transformer;
    this.timers = timers;
    this.decisions = decisions;
  }

  /**
   * A DMN file's graph (its definitions: id, name, namespace) and decisions (ids in order, with
   * their names).
   */
  private record Dmn(
      String decisionRequirementsId,
      String name,
      String namespace,
      List<String> decisionIds,
      Map<String, String> decisionNames) {}

  /** A form file's id and version tag (empty when it has none). */
  private record Form(String id, String versionTag) {}

  private record Parsed(
      Resource resource, String checksum, List<ExecutableProcess> processes, Dmn dmn, Form form) {}

  DeploymentResult deploy(ProcessingContext ctx, List<Resource> resources, String tenantId) {
    if (resources.isEmpty()) {
      throw Rejection.invalidArgument("Expected to deploy at least one resource, but none given");
    }
    List<Parsed> parsed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Resource resource : resources) {
      try {
        parsed.add(parse(resource));
      } catch (DeploymentRejectedException e) {
        String message = e.getMessage();
        errors.add(
            message.startsWith(ERRORS_HEADER)
                ? message.substring(ERRORS_HEADER.length()).strip()
                : message);
      }
    }
    Map<ExecutableProcess, List<TimerBehavior.PlannedTimer>> startTimers =
        new java.util.HashMap<>();
    for (Parsed p : parsed) {
      for (ExecutableProcess process : p.processes()) {
        List<TimerBehavior.PlannedTimer> planned = new ArrayList<>();
        for (var start : process.timerStartEvents()) {
          try {
            planned.add(timers.plan(ctx, start, -1));
          } catch (ExpressionFailure failure) {
            errors.add(
                String.format(
                    "'%s': element '%s' (startEvent): %s",
                    p.resource().name(),
                    start.id(),
                    TimerSchedule.deploymentFailure(
                        start.timerDefinition().kind(), failure.getMessage())));
          }
        }
        startTimers.put(process, planned);
      }
    }
    errors.addAll(formsMissingFromDeployment(parsed));
    if (!errors.isEmpty()) {
      throw new Rejection(
          RejectionType.INVALID_ARGUMENT, ERRORS_HEADER + "\n" + String.join("\n", errors));
    }
    EngineState state = ctx.state();
    // Resources are versioned together: unless every one of them equals its latest version, each
    // becomes a new version, so that a process and the decisions, forms and processes deployed with
    // it can be bound by binding type "deployment" (Zeebe's rule).
    boolean duplicatesOnly = duplicatesOnly(state, parsed, tenantId);
    long deploymentKey = state.nextKey();
    List<DeploymentResult.Process> processes = new ArrayList<>();
    List<DeploymentResult.Resource> others = new ArrayList<>();
    List<Object> processesMetadata = new ArrayList<>();
    List<Map<String, Object>> otherMetadata = new ArrayList<>();
    for (Parsed p : parsed) {
      for (ExecutableProcess process : p.processes()) {
        ProcessDefinition latest = state.latestProcess(tenantId, process.bpmnProcessId());
        boolean duplicate = duplicatesOnly;
        long key;
        int version;
        if (duplicate) {
          key = latest.key();
          version = latest.version();
        } else {
          key = state.nextKey();
          version =
              state.lastVersion(ValueType.PROCESS.name(), tenantId, process.bpmnProcessId()) + 1;
          ProcessValue value =
              new ProcessValue(
                  process.bpmnProcessId(),
                  version,
                  "",
                  key,
                  p.resource().name(),
                  p.checksum(),
                  Base64.getEncoder().encodeToString(p.resource().content()),
                  deploymentKey,
                  false,
                  tenantId);
          state.stageExecutable(key, process);
          ctx.event(ProcessIntent.CREATED, key, value);
          // A new version's timer start events replace those of the versions before it.
          if (latest != null) {
            for (TimerInstance timer : List.copyOf(state.timers())) {
              if (timer.elementInstanceKey() == -1
                  && timer.bpmnProcessId().equals(process.bpmnProcessId())
                  && timer.tenantId().equals(tenantId)) {
                timers.cancel(ctx, timer);
              }
            }
          }
          ProcessDefinition created = state.process(key);
          for (TimerBehavior.PlannedTimer timer : startTimers.get(process)) {
            timers.createStartTimer(ctx, created, timer);
          }
        }
        processes.add(
            new DeploymentResult.Process(
                process.bpmnProcessId(), version, key, p.resource().name(), tenantId));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("bpmnProcessId", process.bpmnProcessId());
        metadata.put("version", version);
        metadata.put("processDefinitionKey", key);
        metadata.put("resourceName", p.resource().name());
        metadata.put("checksum", p.checksum());
        metadata.put("isDuplicate", duplicate);
        metadata.put("tenantId", tenantId);
        metadata.put("deploymentKey", deploymentKey);
        processesMetadata.add(metadata);
      }
      if (p.dmn() != null) {
        // One decision requirements graph per DMN file, holding its decisions (Zeebe's model).
        DeploymentResult.Resource drg =
            deployResource(
                ctx,
                ValueType.DECISION_REQUIREMENTS,
                "decisionRequirementsId",
                p.dmn().decisionRequirementsId(),
                p.dmn().name(),
                p,
                tenantId,
                deploymentKey,
                otherMetadata,
                null,
                duplicatesOnly);
        others.add(drg);
        for (String decisionId : p.dmn().decisionIds()) {
          others.add(
              deployResource(
                  ctx,
                  ValueType.DECISION,
                  "decisionId",
                  decisionId,
                  p.dmn().decisionNames().get(decisionId),
                  p,
                  tenantId,
                  deploymentKey,
                  otherMetadata,
                  drg,
                  duplicatesOnly));
        }
      }
      if (p.form() != null) {
        others.add(
            deployResource(
                ctx,
                ValueType.FORM,
                "formId",
                p.form().id(),
                p.form().id(),
                p,
                tenantId,
                deploymentKey,
                otherMetadata,
                null,
                duplicatesOnly));
      }
    }
    List<Object> resourceValues = new ArrayList<>();
    for (Resource resource : resources) {
      resourceValues.add(
          Map.of(
              "resourceName",
              resource.name(),
              "resource",
              Base64.getEncoder().encodeToString(resource.content())));
    }
    DeploymentValue deployment =
        new DeploymentValue(
            resourceValues,
            processesMetadata,
            metadata(
                otherMetadata,
                m -> m.containsKey("decisionRequirementsId") && !m.containsKey("decisionId")),
            metadata(otherMetadata, m -> m.containsKey("decisionId")),
            metadata(otherMetadata, m -> m.containsKey("formId")),
            deploymentKey,
            tenantId);
    ctx.event(DeploymentIntent.CREATED, deploymentKey, deployment);
    return new DeploymentResult(deploymentKey, tenantId, processes, others);
  }

  /** The metadata of one kind of deployed resource. */
  private static List<Object> metadata(
      List<Map<String, Object>> metadata, Predicate<Map<String, Object>> kind) {
    return Collections.unmodifiableList(metadata.stream().filter(kind).toList());
  }

  /**
   * Deploys (or finds, for a deployment of duplicates only) one form, decision requirements graph
   * or decision, with the fields of Zeebe's records: a graph has its name, namespace and {@code
   * decisionRequirementsVersion}; a decision its name, version and graph.
   */
  private static DeploymentResult.Resource deployResource(
      ProcessingContext ctx,
      ValueType type,
      String idField,
      String resourceId,
      String name,
      Parsed p,
      String tenantId,
      long deploymentKey,
      List<Map<String, Object>> metadataOut,
      DeploymentResult.Resource decisionRequirements,
      boolean duplicatesOnly) {
    EngineState state = ctx.state();
    DeployedResource latest = state.latestResource(type.name(), tenantId, resourceId);
    boolean duplicate = duplicatesOnly;
    long key = duplicate ? latest.key() : state.nextKey();
    int version =
        duplicate ? latest.version() : state.lastVersion(type.name(), tenantId, resourceId) + 1;
    Map<String, Object> value = new LinkedHashMap<>();
    value.put(idField, resourceId);
    switch (type) {
      case DECISION_REQUIREMENTS -> {
        value.put("decisionRequirementsName", name);
        value.put("decisionRequirementsVersion", version);
        value.put("decisionRequirementsKey", key);
        value.put("namespace", p.dmn().namespace());
      }
      case DECISION -> {
        value.put("decisionName", name);
        value.put("version", version);
        value.put("versionTag", "");
        value.put("decisionKey", key);
        value.put("decisionRequirementsId", decisionRequirements.resourceId());
        value.put("decisionRequirementsKey", decisionRequirements.key());
      }
      default -> {
        value.put("version", version);
        value.put("versionTag", p.form().versionTag());
        value.put("formKey", key);
      }
    }
    value.put("resourceName", p.resource().name());
    value.put("checksum", p.checksum());
    value.put("tenantId", tenantId);
    value.put("deploymentKey", deploymentKey);
    value.put("duplicate", duplicate);
    if (!duplicate) {
      String resource = Base64.getEncoder().encodeToString(p.resource().content());
      switch (type) {
        case DECISION_REQUIREMENTS ->
            ctx.event(
                DecisionRequirementsIntent.CREATED,
                key,
                new DecisionRequirementsValue(
                    resourceId,
                    name,
                    version,
                    key,
                    p.dmn().namespace(),
                    p.resource().name(),
                    p.checksum(),
                    resource,
                    deploymentKey,
                    false,
                    tenantId));
        case DECISION ->
            ctx.event(
                DecisionIntent.CREATED,
                key,
                new DecisionValue(
                    resourceId,
                    name,
                    version,
                    "",
                    key,
                    decisionRequirements.resourceId(),
                    decisionRequirements.key(),
                    p.resource().name(),
                    p.checksum(),
                    resource,
                    deploymentKey,
                    false,
                    tenantId));
        case FORM ->
            ctx.event(
                FormIntent.CREATED,
                key,
                new FormValue(
                    resourceId,
                    version,
                    p.form().versionTag(),
                    key,
                    p.resource().name(),
                    p.checksum(),
                    resource,
                    deploymentKey,
                    false,
                    tenantId));
        default -> throw new IllegalArgumentException("not a deployed resource: " + type);
      }
    }
    metadataOut.add(value);
    return new DeploymentResult.Resource(
        type.name(),
        resourceId,
        name,
        version,
        key,
        p.resource().name(),
        tenantId,
        decisionRequirements == null ? "" : decisionRequirements.resourceId(),
        decisionRequirements == null ? -1 : decisionRequirements.key());
  }

  /**
   * Whether every process, decision requirements graph, decision and form of a deployment equals
   * its latest version.
   */
  private static boolean duplicatesOnly(EngineState state, List<Parsed> parsed, String tenantId) {
    for (Parsed p : parsed) {
      for (ExecutableProcess process : p.processes()) {
        ProcessDefinition latest = state.latestProcess(tenantId, process.bpmnProcessId());
        if (latest == null || !latest.checksum().equals(p.checksum())) {
          return false;
        }
      }
      List<String[]> resources = new ArrayList<>();
      if (p.dmn() != null) {
        resources.add(
            new String[] {
              ValueType.DECISION_REQUIREMENTS.name(), p.dmn().decisionRequirementsId()
            });
        p.dmn()
            .decisionIds()
            .forEach(id -> resources.add(new String[] {ValueType.DECISION.name(), id}));
      }
      if (p.form() != null) {
        resources.add(new String[] {ValueType.FORM.name(), p.form().id()});
      }
      for (String[] resource : resources) {
        DeployedResource latest = state.latestResource(resource[0], tenantId, resource[1]);
        if (latest == null || !latest.checksum().equals(p.checksum())) {
          return false;
        }
      }
    }
    return true;
  }

  private Parsed parse(Resource resource) {
    String name = resource.name();
    String checksum = checksum(resource.content());
    if (name.endsWith(".bpmn") || name.endsWith(".xml")) {
      List<ExecutableProcess> processes = transformer.transform(name, resource.content());
      return new Parsed(resource, checksum, processes, null, null);
    }
    if (name.endsWith(".dmn")) {
      Dmn dmn = dmn(name, resource.content());
      decisions.checkDeployable(name, resource.content());
      return new Parsed(resource, checksum, List.of(), dmn, null);
    }
    if (name.endsWith(".form")) {
      return new Parsed(resource, checksum, List.of(), null, form(name, resource.content()));
    }
    throw new DeploymentRejectedException(
        String.format(
            "'%s': Expected the resource to be a BPMN (.bpmn, .xml), DMN (.dmn) or form (.form) file, but the file extension is not supported",
            name));
  }

  private static Dmn dmn(String name, byte[] content) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      org.w3c.dom.Document document =
          factory.newDocumentBuilder().parse(new ByteArrayInputStream(content));
      String definitionsId = document.getDocumentElement().getAttribute("id");
      if (definitionsId.isBlank()) {
        throw new DeploymentRejectedException(
            String.format("'%s': Expected the DMN definitions to have an id", name));
      }
      NodeList decisions = document.getElementsByTagNameNS("*", "decision");
      List<String> ids = new ArrayList<>();
      Map<String, String> names = new LinkedHashMap<>();
      for (int i = 0; i < decisions.getLength(); i++) {
        Element decision = (Element) decisions.item(i);
        String id = decision.getAttribute("id");
        if (id.isBlank()) {
          throw new DeploymentRejectedException(String.format("'%s': a decision has no id", name));
        }
        ids.add(id);
        names.put(id, decision.getAttribute("name").isBlank() ? id : decision.getAttribute("name"));
      }
      if (ids.isEmpty()) {
        throw new DeploymentRejectedException(
            String.format(
                "'%s': Expected the DMN resource to contain at least one decision", name));
      }
      Element definitions = document.getDocumentElement();
      String definitionsName =
          definitions.getAttribute("name").isBlank()
              ? definitionsId
              : definitions.getAttribute("name");
      return new Dmn(
          definitionsId, definitionsName, definitions.getAttribute("namespace"), ids, names);
    } catch (DeploymentRejectedException e) {
      throw e;
    } catch (Exception e) {
      throw new DeploymentRejectedException(
          String.format("'%s': Failed to parse the DMN resource: %s", name, e.getMessage()));
    }
  }

  private static Form form(String name, byte[] content) {
    JsonNode form;
    try {
      form = JsonValues.mapper().readTree(new String(content, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new DeploymentRejectedException(
          String.format("'%s': Failed to parse the form: %s", name, e.getMessage()));
    }
    JsonNode id = form == null ? null : form.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw new DeploymentRejectedException(
          String.format(
              "'%s': Expected the form to have an 'id' property, but none was found", name));
    }
    JsonNode versionTag = form.get("versionTag");
    return new Form(
        id.asText(), versionTag == null || !versionTag.isTextual() ? "" : versionTag.asText());
  }

  /**
   * Zeebe's deployment check of binding type {@code deployment}: a user task that links a form by a
   * static id with that binding needs the form in the same deployment (an id given by FEEL is only
   * looked up when the task is activated).
   */
  private static List<String> formsMissingFromDeployment(List<Parsed> parsed) {
    Set<String> deployedForms = new HashSet<>();
    parsed.stream().filter(p -> p.form() != null).forEach(p -> deployedForms.add(p.form().id()));
    Set<String> errors = new LinkedHashSet<>();
    for (Parsed p : parsed) {
      for (ExecutableProcess process : p.processes()) {
        for (ExecutableElement element : process.elements().values()) {
          LinkedForm form = linkedForm(element);
          if (form != null
              && "deployment".equals(form.bindingType())
              && !form.formId().feel()
              && !deployedForms.contains(form.formId().source())) {
            errors.add(
                new ValidationError(
                        p.resource().name(),
                        element.id(),
                        "userTask > extensionElements > formDefinition",
                        String.format(
                            "Expected to find form with id '%s' in current deployment, but not found.",
                            form.formId().source()))
                    .line());
          }
        }
      }
    }
    return List.copyOf(errors);
  }

  private static LinkedForm linkedForm(ExecutableElement element) {
    ExecutableElement task =
        element instanceof ExecutableMultiInstanceBody body ? body.innerActivity() : element;
    if (task instanceof ExecutableUserTask userTask) {
      return userTask.userTaskDefinition().linkedForm();
    }
    return task instanceof ExecutableJobWorkerTask jobWorker
        ? jobWorker.jobDefinition().linkedForm()
        : null;
  }

  private static String checksum(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
