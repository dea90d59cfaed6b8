package life.suoke.ops.engine.gateway.rest;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.api.EngineApi;

/**
 * A {@code multipart/form-data} body read whole: its file parts and its text fields, by part name.
 */
final class MultipartForm {

  private final Map<String, List<EngineApi.Resource>> files = new LinkedHashMap<>();
  private final Map<String, String> fields = new LinkedHashMap<>();

  static MultipartForm read(RestRequest request) {
    String contentType = request.header(HttpHeaderNames.CONTENT_TYPE.toString());
    if (contentType == null
        || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      throw RestProblem.invalidArgument(
          "Expected a multipart/form-data request, but the content type was '%s'", contentType);
    }
    MultipartForm form = new MultipartForm();
    // In memory: bodies are bounded by the server's aggregation limit.
    HttpPostRequestDecoder decoder =
        new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request.netty());
    try {
      for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
        if (data instanceof FileUpload upload) {
          form.files
              .computeIfAbsent(upload.getName(), n -> new ArrayList<>())
              .add(new EngineApi.Resource(upload.getFilename(), upload.get()));
        } else if (data instanceof Attribute attribute) {
          form.fields.put(attribute.getName(), attribute.getValue());
        }
      }
    } catch (IOException | HttpPostRequestDecoder.ErrorDataDecoderException e) {
      throw RestProblem.invalidArgument("The multipart body could not be read: %s", e.getMessage());
    } finally {
      decoder.destroy();
    }
    return form;
  }

  List<EngineApi.Resource> files(String name) {
    return files.getOrDefault(name, List.of());
  }

  String field(String name) {
    return fields.get(name);
  }
}
