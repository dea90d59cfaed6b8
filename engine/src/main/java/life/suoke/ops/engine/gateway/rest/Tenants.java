package life.suoke.ops.engine.gateway.rest;

/** Tenant ids: absent means Zeebe's default tenant. */
final class Tenants {

  static final String DEFAULT = "<default>";

  private Tenants() {}

  static String orDefault(String tenantId) {
    return tenantId == null || tenantId.isBlank() ? DEFAULT : tenantId;
  }
}
