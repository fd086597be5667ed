using System.Net;
using Chimera.Cluster.Protocol;
using Chimera.Cluster.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chimera.Cluster.Http;

/// <summary>
/// Guards a control API: with a cluster secret, every request must carry a valid signature; without one, only
/// loopback peers are served, and everyone else is told why they were refused. Refusals are logged with the peer.
/// </summary>
internal sealed partial class ControlAuthentication(RequestSigner? signer, ILogger logger, string memberName, string prefix = "")
{
    /// <summary>An endpoint filter that refuses unauthenticated requests with 401 and a sentence saying why.</summary>
    public async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var reason = Check(http);
        if (reason is null)
        {
            return await next(context).ConfigureAwait(false);
        }

        var peer = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        LogRefused(logger, memberName, http.Request.Method, http.Request.Path.Value ?? "/", peer, reason);
        return Results.Json(new ErrorResponse($"{memberName} refused the request from {peer}: {reason}."), ControlJson.Options, statusCode: StatusCodes.Status401Unauthorized);
    }

    private string? Check(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (signer is null)
        {
            return remote is null || IPAddress.IsLoopback(remote)
                ? null
                : "no cluster secret is configured, so only loopback peers are accepted; set CHIMERA_SECRET on every member";
        }

        var path = context.Request.Path.Value ?? "/";
        if (prefix.Length > 0 && path.StartsWith(prefix, StringComparison.Ordinal))
        {
            path = path[prefix.Length..];
        }

        return signer.Check(context.Request.Headers[RequestSigner.HeaderName], context.Request.Method, path);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "{Member} refused {Method} {Path} from {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string member, string method, string path, string peer, string reason);
}
