package life.suoke.ops.backend.knowledge;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts the knowledge base into search when search does not hold all of it (a new search node, an
 * index lost, a change saved while search was down): once the application is ready, on a thread of
 * its own, every document in pages of 1000. Searches meanwhile see what is indexed so far.
 */
@Component
class KnowledgeIndexer {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeIndexer.class);
  static final int PAGE = 1000;

  private final KnowledgeStore store;
  private final KnowledgeIndex index;

  KnowledgeIndexer(KnowledgeStore store, KnowledgeIndex index) {
    this.store = store;
    this.index = index;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    Thread thread = new Thread(this::reindexIfIncomplete, "knowledge-indexer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Re-indexes everything when search holds fewer documents than the database; how many were sent.
   */
  long reindexIfIncomplete() {
    try {
      index.create();
      long inDatabase = store.count();
      if (index.count() >= inDatabase) {
        return 0;
      }
      long sent = 0;
      long after = 0;
      while (true) {
        List<KnowledgeDocument> page = store.after(after, PAGE);
        if (page.isEmpty()) {
          break;
        }
        List<Long> refused = index.putAll(page, false);
        if (!refused.isEmpty()) {
          log.warn(
              "Search refused {} knowledge documents, first {}", refused.size(), refused.get(0));
        }
        sent += page.size();
        after = page.get(page.size() - 1).id();
      }
      log.info("Knowledge base re-indexed: {} documents", sent);
      return sent;
    } catch (Exception e) {
      log.warn("Knowledge base not re-indexed: {}", e.getClass().getSimpleName());
      return -1;
    }
  }
}
