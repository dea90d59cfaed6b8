package life.suoke.ops.backend.incident;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the incident area ({@code suoke.incident.*}).
 *
 * @param autoCloseAfter how long a resolution waits for the reporter's confirmation before it
 *     closes by itself (process variable {@code autoCloseAfter})
 * @param managerGroup the group told about escalations of incidents whose service the catalog does
 *     not know (and whose members may manage every incident)
 * @param messageTtl how long the engine keeps a message that no instance waits for yet, for
 *     messages that must not be lost (alert resolved, cancelled)
 * @param promptMessageTtl likewise for messages that only matter now (deadlines changed, escalation
 *     requested): a later stage computes its deadlines afresh anyway
 * @param recoveryInterval how often records without a process instance are looked for
 * @param recoveryGrace how old such a record must be before the recovery starts it (its opener may
 *     still be at it)
 */
@ConfigurationProperties("suoke.incident")
public record IncidentProperties(
    @DefaultValue("P3D") Duration autoCloseAfter,
    @DefaultValue("incident-managers") String managerGroup,
    @DefaultValue("P7D") Duration messageTtl,
    @DefaultValue("PT15M") Duration promptMessageTtl,
    @DefaultValue("PT30S") Duration recoveryInterval,
    @DefaultValue("PT2M") Duration recoveryGrace) {}
