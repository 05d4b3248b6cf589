package dev.qstash.jakarta.impl.jaxrs;

import java.io.Serializable;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;

import dev.qstash.jakarta.QStashFeature;
import dev.qstash.jakarta.VerifyQStash;

/**
 * The second lock: a CDI interceptor on every {@link VerifyQStash} resource method (the extension makes the name
 * binding an interceptor binding too), which lets the method run only when the filter verified the current request.
 * If the JAX-RS runtime did not apply the filter (a runtime the implementation cannot register itself with, an
 * application that removed it), the request is refused with 500 and an ERROR names the fix, instead of reaching the
 * method unverified.
 *
 * <p>
 * Only JAX-RS resource methods and sub-resource locators are guarded (an HTTP method designator or {@code @Path} on the
 * method or on a method it overrides); other methods of a guarded class run as usual. What is a resource method is
 * worked out once per method. It guards what CDI intercepts: resources that are CDI beans, which all three supported
 * servers make of every resource class in a bean archive; an instance the application creates itself (returned from
 * {@code getSingletons()}) is covered by the filter alone.
 */
@Interceptor
@VerifyQStash
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class VerifyQStashGuard implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");
    private static final Map<Method, Boolean> RESOURCE_METHODS = new ConcurrentHashMap<>();

    @Inject
    VerifiedRequest request;

    @AroundInvoke
    Object requireVerified(InvocationContext invocation) throws Exception {
        Method method = invocation.getMethod();
        if (!RESOURCE_METHODS.computeIfAbsent(method, VerifyQStashGuard::isResourceMethod)) {
            return invocation.proceed();
        }
        if (verified()) {
            request.emitSpan(); // the server span is current here, whatever the order of the JAX-RS filters
            return invocation.proceed();
        }
        LOG.log(Level.ERROR, "QSTASH016 refused a call of {0}.{1}: it is annotated @VerifyQStash but the request was "
                + "not verified, because the JAX-RS runtime did not apply the QStash signature filter. Add {2} to the "
                + "classes your Application returns from getClasses(), or register it with the runtime.",
                method.getDeclaringClass().getName(), method.getName(), QStashFeature.class.getName());
        throw new WebApplicationException(QStashSignatureFilter.notConfigured());
    }

    private boolean verified() {
        try {
            return request.isVerified();
        } catch (ContextNotActiveException e) {
            return false; // not in a request at all, so not in a verified one
        }
    }

    /** Whether {@code method}, or a method it overrides, is a JAX-RS resource method or sub-resource locator. */
    static boolean isResourceMethod(Method method) {
        for (Class<?> type = method.getDeclaringClass(); type != null; type = type.getSuperclass()) {
            if (declaresResourceMethod(type, method)) {
                return true;
            }
            for (Class<?> contract : type.getInterfaces()) {
                if (declaresResourceMethod(contract, method)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean declaresResourceMethod(Class<?> type, Method method) {
        Method declared;
        try {
            declared = type.getDeclaredMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return false;
        }
        if (declared.isAnnotationPresent(Path.class)) {
            return true;
        }
        for (Annotation annotation : declared.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }
}
