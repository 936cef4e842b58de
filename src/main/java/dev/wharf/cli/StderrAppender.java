package dev.wharf.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

/**
 * Wharf's appender: each event is encoded in the thread that logs it and its bytes are copied into
 * {@link BatchedStderr}, which writes them in batches from a thread of its own.
 *
 * <p>Why not Logback's {@code OutputStreamAppender}: it prepares every event for deferred processing
 * first, which for a virtual thread looks its id up reflectively to name the thread (a fifth of the
 * access line's cost in a CPU profile; docs/performance.md, "Request rates"), although nothing here
 * defers the event: it is encoded at once, in its own thread. An encoder that prints the thread name
 * (the JSON one) still asks for it.
 */
final class StderrAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private Encoder<ILoggingEvent> encoder;
    private BatchedStderr out;

    void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    Encoder<ILoggingEvent> getEncoder() {
        return encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for the appender named [" + name + "]");
            return;
        }
        out = new BatchedStderr();
        write(encoder.headerBytes());
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        write(encoder.encode(event));
    }

    /** Writes the encoder's footer and what is buffered, and stops the writer thread. */
    @Override
    public void stop() {
        if (!isStarted()) return;
        super.stop();
        write(encoder.footerBytes());
        out.close();
    }

    private void write(byte[] bytes) {
        if (bytes != null && bytes.length > 0) out.write(bytes, 0, bytes.length);
    }
}
