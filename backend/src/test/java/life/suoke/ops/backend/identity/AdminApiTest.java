package life.suoke.ops.backend.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code /api/admin/users} and {@code /api/admin/groups}: admins only, every bad field named,
 * nothing half-written.
 */
class AdminApiTest extends ApplicationTest {

  @LocalServerPort int port;
  @Autowired UserDirectory directory;
  @Autowired JdbcTemplate jdbc;

  ApiClient admin;
  String adminName;

  @BeforeEach
  void signInAsAdmin() {
    adminName = newUser(directory, "admin", "admins");
    admin = new ApiClient(port, adminName, PASSWORD);
  }

  @Test
  void anAdministratorCreatesReadsUpdatesAndDeletesAUser() {
    String name = "alice-" + System.nanoTime();
    Browser.Response created =
        admin.post(
            "/api/admin/users",
            """
        {"username":"%s","password":"a-long-enough-secret","displayName":"Alice 张","email":"alice@suoke.example",
         "mobile":"+86 138 0000 0000","dingtalkUserId":"ding-alice","groups":["tier1-oncall","tier2"],
         "managedGroups":["tier1-oncall"],"enabled":true}"""
                .formatted(name));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body()).doesNotContain("password").doesNotContain("a-long-enough-secret");
    assertThat(created.json().get("displayName").asText()).isEqualTo("Alice 张");

    JsonNode read = admin.get("/api/admin/users/" + name).json();
    assertThat(read.get("groups").toString()).isEqualTo("[\"tier1-oncall\",\"tier2\"]");
    assertThat(read.get("managedGroups").toString()).isEqualTo("[\"tier1-oncall\"]");
    assertThat(read.get("dingtalkUserId").asText()).isEqualTo("ding-alice");
    String hash =
        jdbc.queryForObject(
            "SELECT password_hash FROM app_user WHERE username = ?", String.class, name);
    assertThat(hash).startsWith("{bcrypt}").doesNotContain("a-long-enough-secret");
    assertThat(new ApiClient(port, name, "a-long-enough-secret").get("/api/me").status())
        .isEqualTo(200);

    Browser.Response updated =
        admin.put(
            "/api/admin/users/" + name,
            """
        {"displayName":"Alice","groups":["tier3"],"enabled":true}""");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("groups").toString()).isEqualTo("[\"tier3\"]");
    // the password stays when none is given
    assertThat(
            new ApiClient(port, name, "a-long-enough-secret")
                .get("/api/me")
                .json()
                .get("groups")
                .toString())
        .isEqualTo("[\"tier3\"]");

    assertThat(admin.delete("/api/admin/users/" + name).status()).isEqualTo(204);
    assertThat(admin.get("/api/admin/users/" + name).status()).isEqualTo(404);
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_event WHERE object_id = ? ORDER BY id",
                String.class,
                name))
        .containsExactly("user.create", "user.update", "user.delete");
    assertThat(
            jdbc.queryForList(
                "SELECT details::text FROM audit_event WHERE object_id = ?", String.class, name))
        .noneMatch(d -> d.contains("secret") || d.contains("138") || d.contains("alice@"));
  }

  @Test
  void badInputNamesEveryFieldAndWritesNothing() {
    long usersBefore = directory.countUsers();
    Browser.Response refused =
        admin.post(
            "/api/admin/users",
            """
        {"username":"bad name!","password":"short","displayName":"","email":"not-an-email",
         "mobile":"call me","groups":["tier1-oncall","no-such-group"],"managedGroups":["tier2"]}""");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .contains("application/problem+json");
    assertThat(fields(refused))
        .containsExactlyInAnyOrder(
            "username", "password", "displayName", "email", "mobile", "groups", "managedGroups");
    assertThat(directory.countUsers()).isEqualTo(usersBefore);

    Browser.Response wrongType =
        admin.post("/api/admin/users", "{\"username\":\"x\",\"groups\":\"tier2\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(fields(wrongType)).containsExactly("groups");
  }

  @Test
  void aTakenUserNameAndAMissingPasswordAreRefused() {
    String existing = newUser(directory, "taken", "tier2");
    Browser.Response refused =
        admin.post(
            "/api/admin/users", "{\"username\":\"" + existing + "\",\"displayName\":\"Other\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(fields(refused)).containsExactlyInAnyOrder("username", "password");
    assertThat(directory.user(existing).orElseThrow().displayName()).isEqualTo("taken user");
  }

  @Test
  void anAdministratorCannotLockThemselvesOut() {
    Browser.Response disable =
        admin.put(
            "/api/admin/users/" + adminName,
            "{\"displayName\":\"Me\",\"groups\":[\"admins\"],\"enabled\":false}");
    assertThat(disable.status()).isEqualTo(400);
    assertThat(fields(disable)).containsExactly("enabled");
    Browser.Response leave =
        admin.put(
            "/api/admin/users/" + adminName,
            "{\"displayName\":\"Me\",\"groups\":[\"tier2\"],\"enabled\":true}");
    assertThat(fields(leave)).containsExactly("groups");
    assertThat(admin.delete("/api/admin/users/" + adminName).status()).isEqualTo(409);
    assertThat(directory.user(adminName).orElseThrow().groups()).containsExactly("admins");
  }

  @Test
  void groupsAreCreatedRenamedAndDeletedButRoleGroupsStay() {
    String group = "night-shift-" + System.nanoTime();
    Browser.Response created =
        admin.post("/api/admin/groups", "{\"name\":\"" + group + "\",\"displayName\":\"夜班\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("members")).isEmpty();

    assertThat(
            admin
                .put("/api/admin/groups/" + group, "{\"displayName\":\"Night shift\"}")
                .json()
                .get("displayName")
                .asText())
        .isEqualTo("Night shift");
    assertThat(
            fields(
                admin.put(
                    "/api/admin/groups/" + group, "{\"name\":\"renamed\",\"displayName\":\"x\"}")))
        .containsExactly("name");
    assertThat(
            fields(admin.post("/api/admin/groups", "{\"name\":\"Bad Name\",\"displayName\":\"\"}")))
        .containsExactlyInAnyOrder("name", "displayName");

    assertThat(admin.delete("/api/admin/groups/auditors").status()).isEqualTo(409);
    assertThat(directory.groupExists("auditors")).isTrue();
    assertThat(admin.delete("/api/admin/groups/" + group).status()).isEqualTo(204);
    assertThat(directory.groupExists(group)).isFalse();
    assertThat(admin.get("/api/admin/groups").json().toString())
        .contains("tier1-oncall")
        .contains("change-managers");
  }

  @Test
  void nobodyButAdministratorsMayManageUsersOrGroups() {
    for (String group : List.of("auditors", "operators", "process-designers", "tier1-oncall")) {
      String name = newUser(directory, "nonadmin", group);
      ApiClient caller = new ApiClient(port, name, PASSWORD);
      String victim = "victim-" + System.nanoTime();

      assertThat(caller.get("/api/admin/users").status()).isEqualTo(403);
      Browser.Response create =
          caller.post(
              "/api/admin/users",
              "{\"username\":\""
                  + victim
                  + "\",\"password\":\"a-long-enough-secret\",\"displayName\":\"V\"}");
      assertThat(create.status()).isEqualTo(403);
      assertThat(create.headers().firstValue("Content-Type").orElse(""))
          .contains("application/problem+json");
      assertThat(directory.userExists(victim)).isFalse();
      assertThat(
              caller
                  .put(
                      "/api/admin/users/" + name, "{\"displayName\":\"x\",\"groups\":[\"admins\"]}")
                  .status())
          .isEqualTo(403);
      assertThat(directory.user(name).orElseThrow().groups()).containsExactly(group);
      assertThat(caller.delete("/api/admin/groups/tier2").status()).isEqualTo(403);
      assertThat(directory.groupExists("tier2")).isTrue();
    }
  }

  private static List<String> fields(Browser.Response problem) {
    List<String> fields = new ArrayList<>();
    JsonNode errors = problem.json().get("errors");
    if (errors != null) {
      errors.forEach(e -> fields.add(e.get("field").asText()));
    }
    return fields;
  }
}
