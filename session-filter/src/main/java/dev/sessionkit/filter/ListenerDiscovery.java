package dev.sessionkit.filter;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the session listeners a web application registered with the container, {@code @WebListener}
 * classes and web.xml {@code <listener>} entries, so that {@link dev.sessionkit.filter.SessionFilter} calls them
 * for its sessions as the container would for its own. The servlet API cannot list a context's listeners,
 * so the container hands this initializer every session-listener class it scanned, and those the
 * application actually registered get an instance of their own here. Listeners added in code with
 * {@code ServletContext.addListener} are not seen: pass those to {@code SessionConfigBuilder.listener}.
 */
@HandlesTypes({HttpSessionListener.class, HttpSessionAttributeListener.class, HttpSessionIdListener.class})
public final class ListenerDiscovery implements ServletContainerInitializer {

    /** The context attribute holding the discovered listeners, a {@code List<EventListener>}. */
    public static final String ATTRIBUTE = ListenerDiscovery.class.getName();

    private static final System.Logger LOG = System.getLogger(ListenerDiscovery.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        Set<Class<?>> registered = new LinkedHashSet<>();
        if (classes != null) {
            for (Class<?> type : classes) {
                if (type.isAnnotationPresent(WebListener.class)) {
                    registered.add(type);
                }
            }
        }
        context.setAttribute(ATTRIBUTE, instances(context, registered));
    }

    /**
     * The web.xml part alone, for a container that did not run this initializer (Jetty without its
     * {@code ee10-annotations} module runs no ServletContainerInitializer): without scanning, such a
     * container registers no {@code @WebListener} class either, so web.xml's listeners are all there are.
     *
     * @param context the web application
     * @return instances of the session listeners web.xml declares
     * @throws ServletException when one cannot be instantiated
     */
    public static List<EventListener> fromWebXml(ServletContext context) throws ServletException {
        return instances(context, new LinkedHashSet<>());
    }

    private static List<EventListener> instances(ServletContext context, Set<Class<?>> registered) throws ServletException {
        // web.xml listeners are loaded by name: with metadata-complete the container scans nothing.
        for (String name : declaredInWebXml(context)) {
            try {
                registered.add(Class.forName(name, false, context.getClassLoader()));
            } catch (ClassNotFoundException e) {
                LOG.log(Level.DEBUG, "web.xml listener " + name + " not found; the container will report it");
            }
        }
        List<EventListener> listeners = new ArrayList<>();
        for (Class<?> type : registered) {
            boolean concrete = !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
            if (concrete && isSessionListener(type)) {
                listeners.add(context.createListener(type.asSubclass(EventListener.class)));
            }
        }
        return List.copyOf(listeners);
    }

    private static boolean isSessionListener(Class<?> type) {
        return HttpSessionListener.class.isAssignableFrom(type) || HttpSessionAttributeListener.class.isAssignableFrom(type)
                || HttpSessionIdListener.class.isAssignableFrom(type);
    }

    private static Set<String> declaredInWebXml(ServletContext context) {
        Set<String> names = new HashSet<>();
        try (InputStream webXml = context.getResourceAsStream("/WEB-INF/web.xml")) {
            if (webXml == null) {
                return names;
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // web.xml is the application's own file, but a parser that fetches anything has no place here. A
            // DOCTYPE stays allowed (Servlet 2.3 descriptors have one); its DTD and external entities are never
            // loaded, and secure processing bounds the expansion of internal ones.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(webXml);
            NodeList classes = document.getElementsByTagNameNS("*", "listener-class");
            for (int i = 0; i < classes.getLength(); i++) {
                names.add(classes.item(i).getTextContent().trim());
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not read WEB-INF/web.xml for session listeners; only @WebListener classes are used", e);
        }
        return names;
    }
}
