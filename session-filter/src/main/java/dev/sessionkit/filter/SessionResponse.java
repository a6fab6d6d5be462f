package dev.sessionkit.filter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The response the application sees. Whatever would commit it (the first byte of the body, a
 * redirect, an error, a flush) first commits the session, so the session is saved and its Set-Cookie
 * header written while headers can still be sent.
 */
final class SessionResponse extends HttpServletResponseWrapper {

    private final RequestSessions sessions;
    private ServletOutputStream outputStream;
    private PrintWriter writer;

    /**
     * @param response the container's response
     * @param sessions this request's session state
     */
    public SessionResponse(HttpServletResponse response, RequestSessions sessions) {
        super(response);
        this.sessions = sessions;
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        sessions.commit();
        super.sendRedirect(location);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        sessions.commit();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        sessions.commit();
        super.sendError(sc);
    }

    @Override
    public void flushBuffer() throws IOException {
        sessions.commit();
        super.flushBuffer();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (outputStream == null) {
            outputStream = new CommittingOutputStream(super.getOutputStream());
        }
        return outputStream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new CommittingWriter(super.getWriter());
        }
        return writer;
    }

    /** Saves the session once, just before the first byte reaches the container. */
    private final class CommittingOutputStream extends ServletOutputStream {
        private final ServletOutputStream delegate;
        private boolean committed;

        CommittingOutputStream(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        private void beforeWrite() {
            if (!committed) {
                committed = true;
                sessions.commit();
            }
        }

        @Override
        public void write(int b) throws IOException {
            beforeWrite();
            delegate.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            beforeWrite();
            delegate.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            beforeWrite();
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            beforeWrite();
            delegate.close();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(listener);
        }
    }

    /** The writer's twin of {@link CommittingOutputStream}. */
    private final class CommittingWriter extends PrintWriter {
        private boolean committed;

        CommittingWriter(PrintWriter delegate) {
            super(delegate);
        }

        private void beforeWrite() {
            if (!committed) {
                committed = true;
                sessions.commit();
            }
        }

        @Override
        public void write(int c) {
            beforeWrite();
            super.write(c);
        }

        @Override
        public void write(char[] buf, int off, int len) {
            beforeWrite();
            super.write(buf, off, len);
        }

        @Override
        public void write(String s, int off, int len) {
            beforeWrite();
            super.write(s, off, len);
        }

        @Override
        public void flush() {
            beforeWrite();
            super.flush();
        }

        @Override
        public void close() {
            beforeWrite();
            super.close();
        }
    }
}
