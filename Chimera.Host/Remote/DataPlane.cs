using System.Net;
using Chimera.Runtime;
using Chimera.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chimera.Remote;

/// <summary>
/// A worker's end of every cross-worker edge: a Kestrel listener on the worker's data port that serves the edges this
/// worker sends on, and outgoing connections for the edges it receives on.
/// </summary>
/// <remarks>
/// Order of use: <see cref="StartAsync"/> once; after a commit, <see cref="Offer"/> each remote output and, when the
/// manager's connect request arrives, <see cref="ConnectAsync"/> each remote input; await the handles'
/// <see cref="RemoteEdgeHandle.Completion"/>; <see cref="WithdrawAsync"/> on reset; dispose at shutdown. Every
/// connection and loop belongs to the plane and is awaited when its run is withdrawn or the plane is disposed.
/// </remarks>
internal sealed partial class DataPlane : IAsyncDisposable
{
    /// <summary>Guards the edge tables.</summary>
    private readonly Lock _gate = new();

    /// <summary>Offered and running outgoing edges.</summary>
    private readonly List<OutgoingEdge> _outgoing = [];

    /// <summary>Connected incoming edges.</summary>
    private readonly List<IncomingEdge> _incoming = [];

    /// <summary>Cancelled when the plane shuts down.</summary>
    private readonly CancellationTokenSource _shutdown = new();

    /// <summary>The settings.</summary>
    private readonly RemoteSettings _settings;

    /// <summary>Proves and checks handshakes; <see langword="null"/> accepts loopback peers only.</summary>
    private readonly IStreamAuthenticator? _authenticator;

    /// <summary>The chunk codec shared by every connection (it is stateless).</summary>
    private readonly DataChunkCodec _codec;

    /// <summary>The clock.</summary>
    private readonly TimeProvider _time;

    /// <summary>Where log lines go.</summary>
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>The plane's log.</summary>
    private readonly ILogger _logger;

    /// <summary>The Kestrel host, once started.</summary>
    private WebApplication? _server;

    /// <summary>1 once disposed.</summary>
    private int _disposed;

    /// <summary>Creates the data plane of worker <paramref name="workerName"/>.</summary>
    /// <param name="workerName">The local worker, named in handshakes and errors.</param>
    /// <param name="settings">Stream reference settings.</param>
    /// <param name="authenticator">The cluster secret's authenticator, or <see langword="null"/> for no secret (loopback peers only).</param>
    /// <param name="loggerFactory">Where to log.</param>
    /// <param name="registry">Value codecs; <see langword="null"/> for the default set.</param>
    /// <param name="time">The clock; <see langword="null"/> for the system clock.</param>
    public DataPlane(string workerName, RemoteSettings settings, IStreamAuthenticator? authenticator, ILoggerFactory loggerFactory, ValueCodecRegistry? registry = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerName);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        WorkerName = workerName;
        _settings = settings;
        _authenticator = authenticator;
        _codec = new DataChunkCodec(settings.Wire, registry ?? ValueCodecRegistry.Default);
        _time = time ?? TimeProvider.System;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Chimera.Remote");
    }

    /// <summary>The local worker's name.</summary>
    public string WorkerName { get; }

    /// <summary>The cluster TLS certificate: when set, data connections are TLS both ways and peers must present it (or a certificate that validates).</summary>
    public Chimera.Cluster.Security.ClusterCertificate? Certificate { get; init; }

    /// <summary>The bound data endpoint (<c>host:port</c>) once started.</summary>
    public string? Endpoint { get; private set; }

    /// <summary>
    /// Starts listening for data connections on <paramref name="address"/>:<paramref name="port"/> (0 picks a free port)
    /// and returns the bound endpoint as <c>host:port</c>. Bound to a wildcard address, the host part is the wildcard;
    /// advertise a reachable host instead.
    /// </summary>
    public async Task<string> StartAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (_server is not null)
        {
            throw new InvalidOperationException(RemoteMessages.AlreadyListening(WorkerName, Endpoint));
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(_loggerFactory);
        builder.Services.AddSingleton(new DataConnectionHandler(this));
        ListenOptions? listen = null;
        // Data connections hand every frame straight to the stream's own loops; running the transport's continuations
        // inline saves a thread-pool hop per read on the latency path.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port, options =>
            {
                listen = options;
                if (Certificate is not null)
                {
                    options.UseHttps(Certificate.Certificate);
                }

                options.UseConnectionHandler<DataConnectionHandler>();
            });
        });
        var app = builder.Build();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _server = app;
        Endpoint = (listen?.IPEndPoint ?? new IPEndPoint(address, port)).ToString();
        RemoteLog.Listening(_logger, WorkerName, Endpoint);
        ChimeraMetrics.TrackRemote(this, Metrics);
        return Endpoint;
    }

    /// <summary>Every live stream reference's metrics, for the <c>chimera.remote.*</c> instruments.</summary>
    public IReadOnlyList<RemoteEdgeMetrics> Metrics()
    {
        lock (_gate)
        {
            return [.. _outgoing.Select(e => e.Handle.Metrics()), .. _incoming.Select(e => e.Handle.Metrics())];
        }
    }

    /// <summary>Takes a snapshot of every edge of <paramref name="runId"/> on this worker.</summary>
    public IReadOnlyList<RemoteEdgeMetrics> Metrics(string runId)
    {
        lock (_gate)
        {
            return [.. _outgoing.Where(e => e.RunId == runId).Select(e => e.Handle.Metrics()),
                .. _incoming.Where(e => e.RunId == runId).Select(e => e.Handle.Metrics())];
        }
    }

    /// <summary>
    /// Closes every edge of <paramref name="runId"/> (a reset): offered edges stop waiting, connections close, and
    /// their handles end cancelled unless they already finished. Returns when nothing of the run runs any more.
    /// </summary>
    public async Task WithdrawAsync(string runId, CancellationToken cancellationToken = default)
    {
        List<OutgoingEdge> outgoing;
        List<IncomingEdge> incoming;
        lock (_gate)
        {
            outgoing = [.. _outgoing.Where(e => e.RunId == runId)];
            incoming = [.. _incoming.Where(e => e.RunId == runId)];
            _outgoing.RemoveAll(e => e.RunId == runId);
            _incoming.RemoveAll(e => e.RunId == runId);
            foreach (var edge in outgoing.Where(e => !e.Subscribed))
            {
                edge.Closed = true;
            }
        }

        await StopAsync(outgoing, incoming, cancellationToken).ConfigureAwait(false);
        RemoteLog.Withdrawn(_logger, outgoing.Count + incoming.Count, runId, WorkerName);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        ChimeraMetrics.UntrackRemote(this);

        await _shutdown.CancelAsync().ConfigureAwait(false);
        List<OutgoingEdge> outgoing;
        List<IncomingEdge> incoming;
        lock (_gate)
        {
            outgoing = [.. _outgoing];
            incoming = [.. _incoming];
            _outgoing.Clear();
            _incoming.Clear();
            foreach (var edge in outgoing.Where(e => !e.Subscribed))
            {
                edge.Closed = true;
            }
        }

        await StopAsync(outgoing, incoming, CancellationToken.None).ConfigureAwait(false);
        if (_server is { } server)
        {
            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }

        _shutdown.Dispose();
    }

    /// <summary>Cancels the given edges and waits until each has stopped.</summary>
    private static async Task StopAsync(List<OutgoingEdge> outgoing, List<IncomingEdge> incoming, CancellationToken cancellationToken)
    {
        foreach (var edge in outgoing)
        {
            edge.SubscriptionTimer?.Dispose();
            await edge.Cancel.CancelAsync().ConfigureAwait(false);
            if (!edge.Subscribed)
            {
                edge.Handle.TryCancel(edge.Cancel.Token);
                edge.MarkStopped();
            }
        }

        foreach (var edge in incoming)
        {
            await edge.Cancel.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(outgoing.Select(e => e.Stopped).Concat(incoming.Select(e => e.Running))).WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var edge in outgoing)
        {
            edge.Dispose();
        }

        foreach (var edge in incoming)
        {
            edge.Dispose();
        }
    }
}
