package life.suoke.ops.backend.oncall;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import life.suoke.ops.backend.identity.CurrentUser;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A person's shifts as iCalendar: a download for the signed-in person, and a subscribable feed
 * whose address carries a per-person secret (a phone's calendar cannot sign in). Only the secret's
 * SHA-256 is kept; it is shown once, when made, and making a new one ends the old.
 */
@Component
public class OnCallFeeds {

  /** How far back and ahead a feed reaches. */
  static final Duration PAST = Duration.ofDays(30);

  static final Duration AHEAD = Duration.ofDays(180);

  private final OnCallStore store;
  private final OnCallService oncall;
  private final OnCallAudit audit;
  private final String publicUrl;
  private final SecureRandom random = new SecureRandom();

  OnCallFeeds(
      OnCallStore store,
      OnCallService oncall,
      OnCallAudit audit,
      @Value("${suoke.public-url:http://localhost:8080}") String publicUrl) {
    this.store = store;
    this.oncall = oncall;
    this.audit = audit;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** A new feed address for the caller (the old one stops working). */
  public Map<String, Object> newFeed(CurrentUser user) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    store.saveFeedToken(user.username(), sha256(token));
    audit.user(user.username(), OnCallAudit.FEED_TOKEN_CREATE, user.username(), Map.of());
    return Map.of(
        "url",
        publicUrl + "/api/oncall/feed/" + token + ".ics",
        "createdAt",
        Instant.now().toString());
  }

  public Map<String, Object> feedState(CurrentUser user) {
    Optional<Instant> created = store.feedTokenCreated(user.username());
    return created
        .<Map<String, Object>>map(c -> Map.of("exists", true, "createdAt", c.toString()))
        .orElse(Map.of("exists", false));
  }

  public boolean deleteFeed(CurrentUser user) {
    boolean deleted = store.deleteFeedToken(user.username());
    if (deleted) {
      audit.user(user.username(), OnCallAudit.FEED_TOKEN_DELETE, user.username(), Map.of());
    }
    return deleted;
  }

  /** The calendar of the feed's owner, or empty for an unknown secret. */
  public Optional<String> feed(String token) {
    if (token == null || !token.matches("[0-9a-f]{32}")) {
      return Optional.empty();
    }
    return store.feedTokenOwner(sha256(token)).map(this::calendar);
  }

  /** A person's shifts from 30 days ago to 180 days ahead. */
  public String calendar(String person) {
    Instant now = Instant.now();
    List<OnCallService.Shift> shifts = oncall.shifts(person, now.minus(PAST), now.plus(AHEAD));
    Calendar ics = new Calendar();
    ics.add(new ProdId("-//Suoke Ops//On-call//EN"));
    ics.add(ImmutableVersion.VERSION_2_0);
    ics.add(ImmutableCalScale.GREGORIAN);
    ics.add(new XProperty("X-WR-CALNAME", "On call: " + person));
    ics.add(new XProperty("X-PUBLISHED-TTL", "PT1H"));
    for (OnCallService.Shift shift : shifts) {
      VEvent event = new VEvent(shift.start(), shift.end(), "On call: " + shift.scheduleName());
      event.replace(new DtStamp(now));
      event.add(
          new Uid(
              "oncall-"
                  + shift.scheduleId()
                  + "-"
                  + person
                  + "-"
                  + shift.start().getEpochSecond()
                  + "@suoke-ops"));
      event.add(new Description("Team " + shift.team() + " (" + shift.source() + ")"));
      ics.add(event);
    }
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(true).output(ics, out);
    } catch (IOException | ValidationException e) {
      throw new IllegalStateException("could not write the on-call calendar", e);
    }
    return out.toString();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
