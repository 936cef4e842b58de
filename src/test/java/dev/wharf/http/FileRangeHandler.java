package dev.wharf.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A test handler: {@code GET ...?offset=N&length=M} sends those bytes of the file the request names,
 * by {@link Exchange#sendFile}, announcing them to the kernel ahead of the copy where {@code readAhead}
 * says so (server.readAhead).
 */
final class FileRangeHandler extends Handler.Abstract {
    private final Function<Request, Path> fileOf;
    private final Predicate<Request> readAhead;

    /** Without read-ahead, as Wharf serves by default. */
    FileRangeHandler(Function<Request, Path> fileOf) {
        this(fileOf, request -> false);
    }

    FileRangeHandler(Function<Request, Path> fileOf, Predicate<Request> readAhead) {
        super(InvocationType.BLOCKING);
        this.fileOf = fileOf;
        this.readAhead = readAhead;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response, readAhead.test(request));
        long offset = Long.parseLong(ex.query("offset"));
        long length = Long.parseLong(ex.query("length"));
        ex.status(200);
        ex.header("Content-Length", length);
        try {
            ex.sendFile(fileOf.apply(request), offset, length);
            callback.succeeded();
        } catch (RuntimeException e) {
            callback.failed(e);
        }
        return true;
    }
}
