package life.suoke.ops.backend.models;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditActions;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.stereotype.Service;

/**
 * Deploys BPMN, DMN and form files through the Camunda client, all of one request in one deployment
 * (the engine validates them with Zeebe's rules and deploys all or nothing; a file equal to its
 * latest version is not deployed again). Every deployment is audited with what it contained.
 */
@Service
public class ProcessModels {

  /** One file to deploy. */
  public record ModelFile(String name, byte[] content) {}

  /** What a deployment produced: each resource's id, version and key. */
  public record Deployed(long deploymentKey, List<Resource> resources) {}

  public record Resource(String type, String id, int version, String key, String resourceName) {}

  /**
   * How long a deployment may take: the engine parses, validates and transforms every model of it
   * (at start, all of module processes), which on a busy machine takes longer than the client's
   * default of 10 s.
   */
  static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(2);

  private final CamundaClient client;
  private final AuditTrail audit;
  private final ModelResourceStore store;
  private final int maxBytes;

  public ProcessModels(
      CamundaClient client,
      AuditTrail audit,
      ModelResourceStore store,
      @org.springframework.beans.factory.annotation.Value(
              "${suoke.models.max-resource-bytes:1048576}")
          int maxBytes) {
    this.client = client;
    this.audit = audit;
    this.store = store;
    this.maxBytes = maxBytes;
  }

  /** The largest model file accepted, in bytes ({@code suoke.models.max-resource-bytes}, 1 MiB). */
  public int maxBytes() {
    return maxBytes;
  }

  public Deployed deploy(List<ModelFile> files, String actor) {
    if (files.isEmpty()) {
      throw ApiProblem.badRequest(
          "resources", "at least one .bpmn, .dmn or .form file is required");
    }
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    for (ModelFile file : files) {
      String lower = file.name() == null ? "" : file.name().toLowerCase(Locale.ROOT);
      if (!(lower.endsWith(".bpmn") || lower.endsWith(".dmn") || lower.endsWith(".form"))) {
        errors.add(
            new ApiProblem.FieldError(
                "resources", "'" + file.name() + "' is not a .bpmn, .dmn or .form file"));
      } else if (file.content().length == 0) {
        errors.add(new ApiProblem.FieldError("resources", "'" + file.name() + "' is empty"));
      } else if (file.content().length > maxBytes) {
        errors.add(
            new ApiProblem.FieldError(
                "resources", "'" + file.name() + "' is larger than " + maxBytes + " bytes"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    var command =
        client
            .newDeployResourceCommand()
            .addResourceBytes(files.get(0).content(), files.get(0).name());
    for (ModelFile file : files.subList(1, files.size())) {
      command = command.addResourceBytes(file.content(), file.name());
    }
    DeploymentEvent event;
    try {
      event = command.requestTimeout(DEPLOY_TIMEOUT).send().join();
    } catch (ProblemException rejected) {
      String detail =
          rejected.details() != null && rejected.details().getDetail() != null
              ? rejected.details().getDetail()
              : rejected.getMessage();
      throw rejection(detail, files.get(0).name());
    } catch (ClientException rejected) {
      throw new ApiProblem(
          org.springframework.http.HttpStatus.BAD_REQUEST,
          rejected.getMessage(),
          List.of(new ApiProblem.FieldError("resources", rejected.getMessage())));
    }
    List<Resource> resources = new ArrayList<>();
    event
        .getProcesses()
        .forEach(
            p ->
                resources.add(
                    new Resource(
                        "process",
                        p.getBpmnProcessId(),
                        p.getVersion(),
                        Long.toString(p.getProcessDefinitionKey()),
                        p.getResourceName())));
    event
        .getDecisions()
        .forEach(
            d ->
                resources.add(
                    new Resource(
                        "decision",
                        d.getDmnDecisionId(),
                        d.getVersion(),
                        Long.toString(d.getDecisionKey()),
                        d.getDmnDecisionRequirementsId())));
    event
        .getForm()
        .forEach(
            f ->
                resources.add(
                    new Resource(
                        "form",
                        f.getFormId(),
                        f.getVersion(),
                        Long.toString(f.getFormKey()),
                        f.getResourceName())));
    Deployed deployed = new Deployed(event.getKey(), resources);
    store.remember(event.getKey(), resources, files);
    audit.record(
        AuditEvent.of(
                actor, AuditActions.PROCESS_DEPLOY, "deployment", Long.toString(event.getKey()))
            .withDetail(
                "resources",
                resources.stream().map(r -> r.type() + ":" + r.id() + ":" + r.version()).toList()));
    return deployed;
  }

  /**
   * A rejected deployment as a problem detail: one error per line of Zeebe's message, its reason
   * naming the file and the element ({@code 'x.bpmn' element 'Task_1': ...}), so that the UI can
   * put it on the diagram.
   */
  static ApiProblem rejection(String detail, String firstResource) {
    List<ApiProblem.FieldError> errors =
        ModelProblem.fromRejection(detail, firstResource).stream()
            .map(p -> new ApiProblem.FieldError("resources", p.reason()))
            .toList();
    return new ApiProblem(org.springframework.http.HttpStatus.BAD_REQUEST, detail, errors);
  }

  /** Deploys as the signed-in designer. */
  public Deployed deploy(List<ModelFile> files, CurrentUser user) {
    return deploy(files, user.username());
  }
}
