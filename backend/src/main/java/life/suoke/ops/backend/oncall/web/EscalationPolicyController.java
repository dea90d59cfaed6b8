package life.suoke.ops.backend.oncall.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.oncall.escalation.EscalationPolicies;
import life.suoke.ops.backend.oncall.escalation.EscalationPolicies.Policy;
import life.suoke.ops.backend.oncall.escalation.EscalationPolicies.PolicyInput;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Escalation policies: everyone signed in reads them (responders see who comes after them); the
 * managers of a policy's team and administrators create, change and delete them. A service has at
 * most one; its incidents are paged by it through the generic escalation subprocess.
 */
@RestController
@Tag(name = "On-call")
class EscalationPolicyController {

  private final EscalationPolicies policies;

  EscalationPolicyController(EscalationPolicies policies) {
    this.policies = policies;
  }

  @GetMapping("/api/oncall/escalation-policies")
  @Operation(summary = "List the escalation policies with their levels and services")
  List<Policy> list() {
    return policies.list();
  }

  @PostMapping("/api/oncall/escalation-policies")
  @Operation(
      summary =
          "Create an escalation policy (managers of its team, admins) and attach it to services")
  ResponseEntity<Policy> create(@RequestBody PolicyInput body, CurrentUser user) {
    Policy created = policies.create(body, user);
    return ResponseEntity.created(URI.create("/api/oncall/escalation-policies/" + created.id()))
        .body(created);
  }

  @GetMapping("/api/oncall/escalation-policies/{id}")
  @Operation(summary = "Read an escalation policy")
  Policy get(@PathVariable String id) {
    return policies.get(id);
  }

  @PutMapping("/api/oncall/escalation-policies/{id}")
  @Operation(
      summary =
          "Change an escalation policy: levels, repeat, re-page time, calendar, team, services")
  Policy update(@PathVariable String id, @RequestBody PolicyInput body, CurrentUser user) {
    return policies.update(id, body, user);
  }

  @DeleteMapping("/api/oncall/escalation-policies/{id}")
  @Operation(summary = "Delete an escalation policy; its services page tier 1 again")
  ResponseEntity<Void> delete(@PathVariable String id, CurrentUser user) {
    policies.delete(id, user);
    return ResponseEntity.noContent().build();
  }
}
