using Chimera.Cluster;
using Chimera.Cluster.Assemblies;
using Chimera.Cluster.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chimera;

public sealed partial class Manager
{
    private WebApplication? _server;
    private CancellationTokenSource? _serverStopping;
    private Task? _monitor;

    /// <summary>An identifier of this manager instance, so workers notice a restarted manager.</summary>
    public string ManagerId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The control API's address once <see cref="StartServerAsync"/> returned (e.g. <c>http://127.0.0.1:41234</c>), else <see langword="null"/>.</summary>
    public string? Url { get; private set; }

    /// <summary>The folder where assemblies uploaded by clients are kept before they are shipped to workers.</summary>
    internal AssemblyStore Assemblies { get; private set; } = null!;

    /// <summary>
    /// Serves the control API on Kestrel at <see cref="ManagerOptions.Host"/>:<see cref="ManagerOptions.Port"/> so
    /// workers can join and clients (the <c>chimera</c> command line, dashboards) can drive the cluster.
    /// </summary>
    /// <returns>The bound address, also in <see cref="Url"/>.</returns>
    public async Task<string> StartServerAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (_server is not null)
        {
            return Url!;
        }

        var app = ControlHost.Create(_loggerFactory, Options.Host, Options.Port, _certificate);
        MapControlApi(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        if (_certificate is not null && Url.StartsWith("http://", StringComparison.Ordinal))
        {
            Url = "https://" + Url["http://".Length..];
        }
        _server = app;
        StartMonitor();
        LogListening(_logger, Url);
        return Url;
    }

    /// <summary>
    /// Maps the control API onto an existing endpoint builder, so a host that already runs Kestrel serves it on its own
    /// port (see the hosting extensions). The manager then watches worker heartbeats as if it served them itself.
    /// </summary>
    internal void MapControlApi(IEndpointRouteBuilder endpoints, string prefix = "")
    {
        Assemblies = new AssemblyStore(Options.AssemblyDirectory ?? Path.Combine(Path.GetTempPath(), "chimera", "manager-assemblies"));
        var auth = new ControlAuthentication(_signer, _loggerFactory.CreateLogger("Chimera.Manager.Auth"), "manager", prefix);
        ManagerControlApi.Map(endpoints, this, auth, prefix);
        StartMonitor();
    }

    /// <summary>
    /// Sets <see cref="Url"/> when the control API is served by a host's own server (<see cref="MapControlApi"/>), once
    /// that server knows its address: <c>http://host:port/prefix</c>.
    /// </summary>
    internal void UseMappedUrl(string url)
    {
        Url = url;
        LogListening(_logger, url);
    }

    /// <summary>Starts watching worker heartbeats once, whichever way the control API is served.</summary>
    private void StartMonitor()
    {
        if (_monitor is null)
        {
            _serverStopping = new CancellationTokenSource();
            _monitor = MonitorMembersAsync(_serverStopping.Token);
        }
    }

    private async Task StopServerAsync()
    {
        if (_serverStopping is { } stopping)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
        }

        if (_monitor is { } monitor)
        {
            await monitor.ConfigureAwait(false);
        }

        if (_server is { } server)
        {
            await server.StopAsync().ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }

        _serverStopping?.Dispose();
        _server = null;
        _monitor = null;
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Manager control API listening on {Url}.")]
    private static partial void LogListening(ILogger logger, string url);
}
