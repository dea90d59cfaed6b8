package life.suoke.ops.backend.ui;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The UI is a single-page app: a page address opened directly (a bookmark, a link in a
 * notification, a reload) gets the same shell, and the UI's router shows the page.
 */
@Controller
class SpaRoutes {

  @GetMapping({
    "/signin",
    "/inbox",
    "/inbox/**",
    "/tasks/**",
    "/incidents",
    "/incidents/**",
    "/oncall",
    "/oncall/**",
    "/handover",
    "/handover/**",
    "/reviews",
    "/reviews/**",
    "/knowledge",
    "/knowledge/**",
    "/audit",
    "/audit/**",
    "/admin/**",
    "/status/**",
    "/kpi",
    "/kpi/**",
    "/changes",
    "/changes/**",
    "/releases",
    "/releases/**",
    "/models",
    "/models/**",
    "/operations",
    "/operations/**"
  })
  String shell() {
    return "forward:/index.html";
  }
}
