package dev.sessionkit.testapp;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A servlet exercising every session operation, one per path under its mapping: the application the
 * filter tests run against, in any container and with any store.
 */
public class SessionServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = request.getPathInfo() == null ? "/info" : request.getPathInfo();
        String name = request.getParameter("name");
        response.setContentType("text/plain;charset=UTF-8");
        switch (action) {
            case "/count" -> {
                HttpSession session = request.getSession();
                Integer count = (Integer) session.getAttribute("count");
                int next = count == null ? 1 : count + 1;
                session.setAttribute("count", next);
                write(response, String.valueOf(next));
            }
            case "/get" -> {
                HttpSession session = request.getSession(false);
                write(response, session == null ? "no-session" : String.valueOf(session.getAttribute(name)));
            }
            case "/set" -> {
                request.getSession().setAttribute(name, request.getParameter("value"));
                write(response, "ok");
            }
            case "/set-bytes" -> {
                byte[] filler = new byte[Integer.parseInt(request.getParameter("size"))];
                Arrays.fill(filler, (byte) 'x');
                request.getSession().setAttribute(name, new String(filler, StandardCharsets.US_ASCII));
                write(response, "ok");
            }
            case "/set-if-present" -> {
                HttpSession session = request.getSession(false);
                if (session == null) {
                    write(response, "gone");
                    return;
                }
                session.setAttribute(name, request.getParameter("value"));
                response.flushBuffer(); // commits the session: it is saved, or found gone
                write(response, request.getSession(false) == null ? "gone" : "saved");
            }
            case "/bind" -> {
                request.getSession().setAttribute(name, new BoundValue(request.getParameter("value")));
                write(response, "ok");
            }
            case "/remove" -> {
                request.getSession().removeAttribute(name);
                write(response, "ok");
            }
            case "/rotate" -> write(response, Sessions.rotate(request));
            case "/change-id" -> write(response, request.changeSessionId());
            case "/login" -> write(response, Sessions.login(request, request.getParameter("user")).getId());
            case "/invalidate" -> {
                Sessions.logout(request);
                write(response, "ok");
            }
            case "/info" -> {
                HttpSession session = request.getSession(false);
                write(response, "session=" + (session == null ? "none" : session.getId())
                        + "\nnew=" + (session != null && session.isNew())
                        + "\nrequested=" + request.getRequestedSessionId()
                        + "\nvalid=" + request.isRequestedSessionIdValid()
                        + "\nfromCookie=" + request.isRequestedSessionIdFromCookie());
            }
            case "/none" -> write(response, "none");
            case "/touch" -> write(response, request.getSession().isNew() ? "new" : "old");
            case "/new" -> {
                HttpSession session = request.getSession();
                boolean isNew = session.isNew();
                session.setAttribute("seen", "yes");
                write(response, "new=" + isNew);
            }
            case "/principal" -> write(response, String.valueOf(Sessions.get(request).getPrincipal()));
            case "/valid" -> write(response, String.valueOf(request.isRequestedSessionIdValid()));
            case "/record" -> {
                try {
                    Sessions.recordPrincipal(request, request.getParameter("user"));
                    write(response, "ok");
                } catch (IllegalStateException e) {
                    write(response, "no-session");
                }
            }
            case "/append" -> {
                Session session = Sessions.get(request);
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) session.getAttribute("list");
                if (list == null) {
                    session.setAttribute("list", new ArrayList<>(List.of(request.getParameter("value"))));
                } else {
                    list.add(request.getParameter("value"));
                    if ("true".equals(request.getParameter("dirty"))) {
                        session.markDirty("list");
                    }
                }
                write(response, "ok");
            }
            case "/list" -> write(response, String.valueOf(request.getSession().getAttribute("list")));
            case "/timeout" -> {
                request.getSession().setMaxInactiveInterval(Integer.parseInt(request.getParameter("seconds")));
                write(response, "ok");
            }
            case "/redirect" -> {
                request.getSession().setAttribute("redirected", "yes");
                response.sendRedirect(request.getContextPath() + "/s/get?name=redirected");
            }
            case "/error" -> {
                request.getSession().setAttribute("errored", "yes");
                response.sendError(404);
            }
            case "/stream" -> {
                request.getSession().setAttribute("streamed", "yes");
                OutputStream out = response.getOutputStream();
                byte[] chunk = new byte[8192];
                Arrays.fill(chunk, (byte) 'z');
                for (int i = 0; i < 32; i++) {
                    out.write(chunk);
                    out.flush();
                }
            }
            case "/after-commit" -> {
                response.getWriter().write("body first");
                response.flushBuffer();
                request.getSession().setAttribute("late", "yes");
            }
            case "/async" -> {
                AsyncContext async = request.startAsync();
                async.start(() -> {
                    HttpServletRequest asyncRequest = (HttpServletRequest) async.getRequest();
                    asyncRequest.getSession().setAttribute("async", "yes");
                    try {
                        async.getResponse().getWriter().write("async");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    async.complete();
                });
            }
            default -> response.sendError(400, "unknown action " + action);
        }
    }

    private static void write(HttpServletResponse response, String body) throws IOException {
        response.getWriter().write(body);
    }
}
