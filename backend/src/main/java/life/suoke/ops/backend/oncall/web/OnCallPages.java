package life.suoke.ops.backend.oncall.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The UI's on-call pages opened directly (a bookmark, a reminder's link, a reload) get the single-page app's shell. */
@Controller
class OnCallPages {

  @GetMapping({"/oncall", "/oncall/**"})
  String shell() {
    return "forward:/index.html";
  }
}
