using Chimera;
using Chimera.Hosting.Internal;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves a hosted Chimera manager's control API from the host's own Kestrel pipeline.</summary>
public static class ChimeraEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the control API of the manager registered with <c>AddChimeraManager</c> under <paramref name="prefix"/>,
    /// so workers join <c>http://host:port/chimera</c> on the app's existing port instead of a port of its own (the
    /// hosted service then opens none). The manager's event and tap streams are WebSockets: when
    /// <paramref name="endpoints"/> is the app itself, WebSockets are switched on for it.
    /// </summary>
    /// <param name="endpoints">The app (or a route group's builder).</param>
    /// <param name="prefix">The path prefix, e.g. <c>/chimera</c>; empty maps at the root.</param>
    /// <returns>The same endpoints, for chaining.</returns>
    /// <exception cref="InvalidOperationException">No manager is registered, or the control API is mapped already.</exception>
    public static IEndpointRouteBuilder MapChimeraManager(this IEndpointRouteBuilder endpoints, string prefix = "/chimera")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var mapping = endpoints.ServiceProvider.GetService<ManagerEndpointMapping>()
            ?? throw new InvalidOperationException("MapChimeraManager needs a manager: call services.AddChimeraManager(...) first.");
        if (mapping.Prefix is not null)
        {
            throw new InvalidOperationException($"The Chimera manager's control API is already mapped at '{mapping.Prefix}'.");
        }

        var normalized = prefix.Length == 0 ? string.Empty : "/" + prefix.Trim('/');
        if (endpoints is IApplicationBuilder app)
        {
            app.UseWebSockets();
        }

        endpoints.ServiceProvider.GetRequiredService<Manager>().MapControlApi(endpoints, normalized);
        mapping.Prefix = normalized;
        return endpoints;
    }
}
