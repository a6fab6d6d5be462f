package dev.sessionkit.bench.micro;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A response that keeps headers in a list and drops the body: enough for the filter's commit and cookie
 * writing. {@link #reset()} readies it for reuse.
 */
final class FakeResponse implements HttpServletResponse {

    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private final ServletOutputStream out = new ServletOutputStream() {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
        }

        @Override
        public void write(int b) {
            committed = true;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            committed = true;
        }
    };
    private final PrintWriter writer = new PrintWriter(Writer.nullWriter());
    private boolean committed;
    private int status = 200;

    @Override
    public void reset() {
        names.clear();
        values.clear();
        committed = false;
        status = 200;
    }

    /** @return the first Set-Cookie header's {@code name=value}, or null */
    String setCookie() {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals("Set-Cookie")) {
                String header = values.get(i);
                int semicolon = header.indexOf(';');
                return semicolon < 0 ? header : header.substring(0, semicolon);
            }
        }
        return null;
    }

    @Override
    public void addHeader(String name, String value) {
        names.add(name);
        values.add(value);
    }

    @Override
    public void setHeader(String name, String value) {
        addHeader(name, value);
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return out;
    }

    @Override
    public PrintWriter getWriter() {
        return writer;
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void flushBuffer() {
        committed = true;
    }

    // The rest is never called on the paths benchmarked.

    @Override
    public void addCookie(Cookie cookie) {
        addHeader("Set-Cookie", cookie.getName() + "=" + cookie.getValue());
    }

    @Override
    public boolean containsHeader(String name) {
        return names.contains(name);
    }

    @Override
    public String encodeURL(String url) {
        return url;
    }

    @Override
    public String encodeRedirectURL(String url) {
        return url;
    }

    @Override
    public void sendError(int sc, String msg) {
        status = sc;
        committed = true;
    }

    @Override
    public void sendError(int sc) {
        sendError(sc, null);
    }

    @Override
    public void sendRedirect(String location) {
        status = 302;
        committed = true;
    }

    @Override
    public void setDateHeader(String name, long date) {
        addHeader(name, Long.toString(date));
    }

    @Override
    public void addDateHeader(String name, long date) {
        addHeader(name, Long.toString(date));
    }

    @Override
    public void setIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public String getHeader(String name) {
        int i = names.indexOf(name);
        return i < 0 ? null : values.get(i);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                found.add(values.get(i));
            }
        }
        return found;
    }

    @Override
    public Collection<String> getHeaderNames() {
        return List.copyOf(names);
    }

    @Override
    public String getCharacterEncoding() {
        return "UTF-8";
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public void setCharacterEncoding(String charset) {
    }

    @Override
    public void setContentLength(int len) {
    }

    @Override
    public void setContentLengthLong(long len) {
    }

    @Override
    public void setContentType(String type) {
    }

    @Override
    public void setBufferSize(int size) {
    }

    @Override
    public int getBufferSize() {
        return 8192;
    }

    @Override
    public void resetBuffer() {
    }

    @Override
    public void setLocale(Locale loc) {
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }
}
