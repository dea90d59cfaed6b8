package life.suoke.ops.workers.adapters.dingtalk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a DingTalk custom robot call: {@code string_to_sign = timestamp_ms + "\n" +
 * secret}, {@code sign = urlencode(base64(HmacSHA256(key = secret, data = string_to_sign)))}.
 */
public final class DingTalkSigner {

  private DingTalkSigner() {}

  /** The Base64 signature, before URL encoding. */
  public static String signature(String secret, long timestampMillis) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The signature as it goes into the query string. */
  public static String urlEncodedSignature(String secret, long timestampMillis) {
    return URLEncoder.encode(signature(secret, timestampMillis), StandardCharsets.UTF_8);
  }
}
