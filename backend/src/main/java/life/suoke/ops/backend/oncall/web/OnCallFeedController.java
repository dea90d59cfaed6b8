package life.suoke.ops.backend.oncall.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.oncall.OnCallFeeds;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A person's shifts as iCalendar: download, and the subscribable feed with its secret address. */
@RestController
@Tag(name = "On-call")
class OnCallFeedController {

  private static final MediaType CALENDAR =
      MediaType.parseMediaType("text/calendar; charset=UTF-8");

  private final OnCallFeeds feeds;

  OnCallFeedController(OnCallFeeds feeds) {
    this.feeds = feeds;
  }

  @GetMapping("/api/oncall/my-shifts.ics")
  @Operation(summary = "Download my shifts (30 days back, 180 ahead) as iCalendar")
  ResponseEntity<String> download(CurrentUser user) {
    return ResponseEntity.ok()
        .contentType(CALENDAR)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"oncall-" + user.username() + ".ics\"")
        .body(feeds.calendar(user.username()));
  }

  @GetMapping("/api/oncall/feed-token")
  @Operation(summary = "Whether I have a calendar feed address, and since when")
  Map<String, Object> feedState(CurrentUser user) {
    return feeds.feedState(user);
  }

  @PostMapping("/api/oncall/feed-token")
  @Operation(
      summary =
          "Make a new secret calendar feed address for me (shown once; the old one stops working)")
  Map<String, Object> newFeed(CurrentUser user) {
    return feeds.newFeed(user);
  }

  @DeleteMapping("/api/oncall/feed-token")
  @Operation(summary = "End my calendar feed address")
  ResponseEntity<Void> deleteFeed(CurrentUser user) {
    feeds.deleteFeed(user);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/oncall/feed/{file}")
  @Operation(
      summary =
          "A person's shifts as a subscribable iCalendar feed; the address's secret is the credential")
  ResponseEntity<String> feed(@PathVariable String file) {
    String token = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : file;
    String calendar =
        feeds.feed(token).orElseThrow(() -> ApiProblem.notFound("No such calendar feed"));
    return ResponseEntity.ok()
        .contentType(CALENDAR)
        .header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
        .body(calendar);
  }
}
