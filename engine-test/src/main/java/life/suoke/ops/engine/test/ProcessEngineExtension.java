package life.suoke.ops.engine.test;

import io.camunda.client.CamundaClient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * The JUnit 5 extension behind {@link ProcessEngineTest}: one engine per (outermost) test class,
 * started on first need (before the class's tests, or when a {@code PER_CLASS} test instance is
 * created) and closed after the class. Injects {@link CamundaClient} and {@link
 * ProcessEngineContext} into fields (static ones before all tests, instance ones when the test
 * instance is created; any visibility; final fields are left alone) and into parameters of
 * constructors, test and lifecycle methods. Binds the assertions of {@link ProcessEngineAssertions}
 * to the engine for the thread that runs the tests.
 */
public final class ProcessEngineExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        TestInstancePostProcessor,
        ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ProcessEngineExtension.class);
  private static final String KEY = "engine";

  @Override
  public void beforeAll(ExtensionContext extensionContext) {
    ProcessEngineContext context = context(extensionContext);
    inject(extensionContext.getRequiredTestClass(), null, context);
    ProcessEngineAssertions.bind(context);
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext extensionContext) {
    inject(testInstance.getClass(), testInstance, context(extensionContext));
  }

  @Override
  public void beforeEach(ExtensionContext extensionContext) {
    ProcessEngineAssertions.bind(context(extensionContext));
  }

  @Override
  public void afterEach(ExtensionContext extensionContext) {
    ProcessEngineAssertions.unbind();
  }

  @Override
  public void afterAll(ExtensionContext extensionContext) {
    ProcessEngineAssertions.unbind();
    ExtensionContext owner = owner(extensionContext);
    if (owner == extensionContext) {
      Resource resource = owner.getStore(NAMESPACE).remove(KEY, Resource.class);
      if (resource != null) {
        resource.close();
      }
      ProcessEngineAssertions.resetConfiguration();
    }
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == CamundaClient.class || type == ProcessEngineContext.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return valueFor(parameterContext.getParameter().getType(), context(extensionContext));
  }

  // ---------------------------------------------------------------------------------------------

  /** The engine of the outermost test class, started on first need. */
  static ProcessEngineContext context(ExtensionContext extensionContext) {
    ExtensionContext owner = owner(extensionContext);
    return owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            KEY,
            k ->
                new Resource(
                    ProcessEngineContext.start(owner.getRequiredTestClass().getSimpleName())),
            Resource.class)
        .context;
  }

  /** The context of the outermost test class around this one. */
  private static ExtensionContext owner(ExtensionContext extensionContext) {
    ExtensionContext c = extensionContext;
    while (c.getParent().isPresent() && c.getParent().get().getTestClass().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private static Object valueFor(Class<?> type, ProcessEngineContext context) {
    if (type == CamundaClient.class) {
      return context.client();
    }
    if (type == ProcessEngineContext.class) {
      return context;
    }
    return null;
  }

  /**
   * Sets the static (instance null) or instance fields of the injectable types, superclasses
   * included.
   */
  private static void inject(Class<?> type, Object instance, ProcessEngineContext context) {
    for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field field : k.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        // final fields are the test's own (set in a constructor, say): left alone
        if (field.isSynthetic()
            || Modifier.isFinal(modifiers)
            || Modifier.isStatic(modifiers) != (instance == null)) {
          continue;
        }
        Object value = valueFor(field.getType(), context);
        if (value == null) {
          continue;
        }
        try {
          field.setAccessible(true);
          field.set(instance, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new ExtensionConfigurationException(
              "@ProcessEngineTest could not inject the field "
                  + k.getName()
                  + "."
                  + field.getName()
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    }
  }

  /** Closes the engine when the owning class's store is closed, should afterAll not have run. */
  private static final class Resource implements ExtensionContext.Store.CloseableResource {
    final ProcessEngineContext context;

    Resource(ProcessEngineContext context) {
      this.context = context;
    }

    @Override
    public void close() {
      context.close();
    }
  }
}
