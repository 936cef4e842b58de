package dev.wharf.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.file.Path;
import java.util.function.Function;

/** A test handler: {@code GET ...?offset=N&length=M} sends those bytes of the file the request names, by {@link Exchange#sendFile}. */
final class FileRangeHandler extends Handler.Abstract {
    private final Function<Request, Path> fileOf;

    FileRangeHandler(Function<Request, Path> fileOf) {
        super(InvocationType.BLOCKING);
        this.fileOf = fileOf;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response);
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
