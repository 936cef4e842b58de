package dev.wharf.query;

import dev.wharf.errors.WharfException;
import dev.wharf.http.AwsApi;
import dev.wharf.http.Exchange;

import java.util.List;

/**
 * The Query protocol APIs (IAM, STS) sharing {@code POST /}. A signed request goes to the API of its
 * credential scope's service. An unsigned one names no service, so it goes to the API whose actions
 * include its {@code Action}: its MissingAuthenticationToken then comes in that API's namespace
 * (STS's for {@code GetCallerIdentity}, as the SDKs expect), and to the first API when no API has
 * the action or the form cannot be read.
 */
public final class QueryDoor implements AwsApi {
    private final List<QueryApi> apis;

    public QueryDoor(List<QueryApi> apis) {
        if (apis.isEmpty()) throw new IllegalArgumentException("a Query door needs at least one API");
        this.apis = List.copyOf(apis);
    }

    @Override
    public boolean accepts(Exchange ex) {
        return signedFor(ex) != null;
    }

    @Override
    public boolean acceptsUnsigned(Exchange ex) {
        return apis.getFirst().acceptsUnsigned(ex);
    }

    @Override
    public void handle(Exchange ex) {
        QueryApi signed = signedFor(ex);
        if (signed != null) {
            signed.handle(ex);
            return;
        }
        QueryApi first = apis.getFirst();
        byte[] body;
        try {
            body = first.readBody(ex);
        } catch (WharfException e) {
            first.writeFault(ex, e);
            return;
        }
        forAction(body).handle(ex, body);
    }

    @Override
    public void writeFault(Exchange ex, WharfException e) {
        QueryApi signed = signedFor(ex);
        (signed != null ? signed : apis.getFirst()).writeFault(ex, e);
    }

    private QueryApi signedFor(Exchange ex) {
        for (QueryApi api : apis) if (api.accepts(ex)) return api;
        return null;
    }

    private QueryApi forAction(byte[] body) {
        String action;
        try {
            action = QueryRequest.parse(body).string("Action");
        } catch (WharfException e) {
            return apis.getFirst(); // the API answers the request itself, authentication first
        }
        if (action != null) {
            for (QueryApi api : apis) if (api.hasAction(action)) return api;
        }
        return apis.getFirst();
    }
}
