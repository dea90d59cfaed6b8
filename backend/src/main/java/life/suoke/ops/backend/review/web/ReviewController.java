package life.suoke.ops.backend.review.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.review.ReviewDetail;
import life.suoke.ops.backend.review.ReviewInputs;
import life.suoke.ops.backend.review.ReviewService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Event reviews over HTTP; {@link ReviewService} decides who may do what. A review's id is its
 * incident's number.
 */
@RestController
@Tag(name = "Event reviews")
class ReviewController {

  private final ReviewService reviews;

  ReviewController(ReviewService reviews) {
    this.reviews = reviews;
  }

  @GetMapping("/api/reviews")
  @Operation(summary = "List the event reviews the caller may see, newest first (filter by status)")
  List<ReviewDetail.Summary> list(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "50") String size,
      CurrentUser user) {
    return reviews.list(
        user, status, number("page", page, 0, 10_000), number("size", size, 1, 200));
  }

  @PostMapping("/api/reviews")
  @Operation(summary = "Start the event review of an incident by hand")
  ResponseEntity<ReviewDetail> start(
      @RequestBody(required = false) ReviewInputs.Start body, CurrentUser user) {
    ReviewDetail started = reviews.start(user, body);
    return ResponseEntity.created(URI.create("/api/reviews/" + started.review().incidentNumber()))
        .body(started);
  }

  @GetMapping("/api/reviews/{number}")
  @Operation(
      summary =
          "Read a review: sections, timeline, action items, open tasks and the caller's actions")
  ReviewDetail get(@PathVariable String number, CurrentUser user) {
    return reviews.get(user, number);
  }

  @PutMapping("/api/reviews/{number}/sections")
  @Operation(summary = "Change sections of an open review (fields left out stay)")
  ReviewDetail sections(
      @PathVariable String number,
      @RequestBody(required = false) ReviewInputs.Sections body,
      CurrentUser user) {
    return reviews.updateSections(user, number, body);
  }

  @PostMapping("/api/reviews/{number}/timeline")
  @Operation(summary = "Add an entry to an open review's timeline")
  ReviewDetail addEntry(
      @PathVariable String number,
      @RequestBody(required = false) ReviewInputs.TimelineEntry body,
      CurrentUser user) {
    return reviews.addTimelineEntry(user, number, body);
  }

  @PutMapping("/api/reviews/{number}/timeline/{id}")
  @Operation(summary = "Correct or hide an entry of an open review's timeline")
  ReviewDetail editEntry(
      @PathVariable String number,
      @PathVariable String id,
      @RequestBody(required = false) ReviewInputs.TimelineEntry body,
      CurrentUser user) {
    return reviews.editTimelineEntry(user, number, number("id", id, 1, Integer.MAX_VALUE), body);
  }

  @PutMapping("/api/reviews/{number}/action-items")
  @Operation(
      summary = "Plan the action items of a review that is not yet in approval (replaces the list)")
  ReviewDetail actionItems(
      @PathVariable String number,
      @RequestBody(required = false) ReviewInputs.Items body,
      CurrentUser user) {
    return reviews.replaceActionItems(user, number, body);
  }

  @PostMapping("/api/reviews/{number}/approval")
  @Operation(summary = "Approve a review (never with a required section empty) or request changes")
  ReviewDetail approve(
      @PathVariable String number,
      @RequestBody(required = false) ReviewInputs.Approval body,
      CurrentUser user) {
    return reviews.approve(user, number, body);
  }

  private static int number(String field, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiProblem.badRequest(field, "must be a whole number from " + min + " to " + max);
  }
}
