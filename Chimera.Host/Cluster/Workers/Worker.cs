using System.Net;
using System.Threading.Channels;
using Chimera.Cluster.Assemblies;
using Chimera.Cluster.Http;
using Chimera.Cluster.Protocol;
using Chimera.Cluster.Security;
using Chimera.Cluster.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chimera;

/// <summary>
/// A worker process's part of a cluster: serves a control API for the manager, joins the manager (retrying with
/// backoff until it is up), sends heartbeats with CPU and memory, and runs its partition of committed blueprints. It
/// holds no user code until the manager ships it. Embed it in any .NET process, or run <c>chimera worker</c>.
/// </summary>
public sealed partial class Worker : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ClusterSecret? _secret;
    private readonly RequestSigner? _signer;
    private readonly ClusterCertificate? _certificate;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _exitRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<WorkerEventMessage> _events = Channel.CreateUnbounded<WorkerEventMessage>(new UnboundedChannelOptions { SingleReader = true });
    private WebApplication? _server;
    private ControlClient? _manager;
    private Task _membership = Task.CompletedTask;
    private Task _eventSender = Task.CompletedTask;
    private bool _disposed;

    /// <summary>Creates a worker; <see cref="StartAsync"/> brings it up.</summary>
    public Worker(WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name);
        Options = options;
        _loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("Chimera.Worker");
        if (!string.IsNullOrEmpty(options.Secret))
        {
            _secret = new ClusterSecret(options.Secret);
            _signer = new RequestSigner(_secret, options.Clock);
        }

        _certificate = ClusterCertificate.Load(options.TlsCertificatePath, options.TlsCertificatePassword);
        ClusterClock = new Cluster.Clock.ClusterClock(options.Clock);
        Runtime = new WorkerRuntime(
            options.Name,
            _loggerFactory,
            ClusterClock,
            new AssemblyStore(options.AssemblyDirectory ?? Path.Combine(Path.GetTempPath(), "chimera", "worker-assemblies")),
            Path.GetFullPath(options.LogDirectory),
            options.CollectGarbageAfterCommit);
        Runtime.Finished += report => _events.Writer.TryWrite(new WorkerEventMessage(Name, "finished", report.RunId, report, null));
        Runtime.NodeFailed += failure => _events.Writer.TryWrite(new WorkerEventMessage(Name, "node-failed", Runtime.Partition?.Blueprint.Id ?? string.Empty, null, failure));
    }

    /// <summary>The worker's options.</summary>
    public WorkerOptions Options { get; }

    /// <summary>The worker's name.</summary>
    public string Name => Options.Name;

    /// <summary>The control API's address once started.</summary>
    public string? ControlUrl { get; private set; }

    /// <summary>The data listener's address (<c>host:port</c>) once started.</summary>
    public string? DataEndpoint { get; private set; }

    /// <summary>Whether the worker is registered with its manager right now.</summary>
    public bool IsJoined { get; private set; }

    /// <summary>Completes when the manager asked this worker to exit (a cluster shutdown), so a host process can end.</summary>
    public Task ExitRequested => _exitRequested.Task;

    internal WorkerRuntime Runtime { get; }

    /// <summary>Starts the control API and data listener, then joins the manager in the background (retrying until it answers).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var app = ControlHost.Create(_loggerFactory, Options.Host, Options.ControlPort, _certificate);
        WorkerControlApi.Map(app, this, new ControlAuthentication(_signer, _loggerFactory.CreateLogger("Chimera.Worker.Auth"), $"worker '{Name}'"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _server = app;

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var advertised = Options.AdvertisedHost ?? (Options.Host is "0.0.0.0" or "::" ? Dns.GetHostName() : Options.Host);
        ControlUrl = $"{(_certificate is null ? "http" : "https")}://{advertised}:{bound.Port}";
        DataEndpoint = await StartDataPlaneAsync(advertised, cancellationToken).ConfigureAwait(false);
        LogStarted(_logger, Name, ControlUrl, DataEndpoint);

        _eventSender = SendEventsAsync(_stopping.Token);
        if (Options.ManagerUrl is not null)
        {
            _manager = new ControlClient(Options.ManagerUrl, "manager", _signer, TimeSpan.FromSeconds(30), _certificate);
            _membership = KeepMembershipAsync(_stopping.Token);
            StartClockSync();
        }
    }

    /// <summary>Leaves the cluster, stops everything this worker runs, and releases its ports.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _membership.ConfigureAwait(false);
        await _clockSyncLoop.ConfigureAwait(false);
        if (IsJoined && _manager is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _manager.SendAsync(HttpMethod.Delete, $"api/workers/{Uri.EscapeDataString(Name)}", null, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ControlApiException or OperationCanceledException)
            {
                // The manager is gone already; it will notice the missing heartbeats if it comes back.
            }
        }

        _events.Writer.TryComplete();
        await _eventSender.ConfigureAwait(false);
        await Runtime.DisposeAsync().ConfigureAwait(false);
        await StopDataPlaneAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _manager?.Dispose();
        _stopping.Dispose();
        _exitRequested.TrySetResult();
    }

    internal void RequestExit() => _exitRequested.TrySetResult();

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Worker \"{Worker}\" control API on {ControlUrl}, data on {DataEndpoint}.")]
    private static partial void LogStarted(ILogger logger, string worker, string controlUrl, string dataEndpoint);
}
