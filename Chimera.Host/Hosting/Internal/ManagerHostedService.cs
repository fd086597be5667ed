using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chimera.Hosting.Internal;

/// <summary>
/// Brings the host's <see cref="Manager"/> up with the host: serves its control API on its own port, or, when the host
/// mapped it with <c>MapChimeraManager</c>, learns its address from the host's server once that listens. On host stop
/// it shuts the manager down and leaves the workers running, so they re-join when the service comes back (a deploy
/// should not take the fleet down with it).
/// </summary>
internal sealed class ManagerHostedService(
    Manager manager,
    ManagerEndpointMapping mapping,
    IServiceProvider services,
    IHostApplicationLifetime lifetime) : IHostedService
{
    /// <summary>The registration of the "server started" callback, when mapped.</summary>
    private CancellationTokenRegistration _started;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (mapping.Prefix is not { } prefix)
        {
            await manager.StartServerAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // Hosted services may start before Kestrel binds; the address is known only once the application started.
        _started = lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
            if (addresses?.FirstOrDefault() is { } address)
            {
                var local = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
                    .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
                    .Replace("//+", "//127.0.0.1", StringComparison.Ordinal)
                    .Replace("//*", "//127.0.0.1", StringComparison.Ordinal);
                manager.UseMappedUrl(local.TrimEnd('/') + prefix);
            }
        });
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _started.DisposeAsync().ConfigureAwait(false);
        await manager.ShutdownAsync(keepWorkers: true, cancellationToken).ConfigureAwait(false);
    }
}
