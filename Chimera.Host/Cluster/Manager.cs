using System.Collections.Concurrent;
using Chimera.Cluster;
using Chimera.Cluster.Security;
using Chimera.Cluster.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chimera;

/// <summary>
/// Runs graphs on a cluster of workers: commit a graph with a mapping onto workers, start (preview), record, stop (a
/// drain), reset, shut down, and read the counters — ChimeraPy's manager in .NET form. Workers either join over the
/// network (after <see cref="StartServerAsync"/>) or, when none has joined, run inside this process as an embedded
/// local cluster, one per worker name in the mapping.
/// </summary>
/// <example>
/// <code>
/// await using var manager = new Manager();
/// await manager.CommitGraphAsync(graph, new Dictionary&lt;string, IReadOnlyList&lt;string&gt;&gt; { ["w1"] = ["source"], ["w2"] = ["sink"] });
/// await manager.StartAsync();
/// await Task.Delay(1000);
/// RunReport report = await manager.StopAsync();
/// </code>
/// </example>
public sealed partial class Manager : IAsyncDisposable
{
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, WorkerMember> _members = new(StringComparer.Ordinal);
    private readonly ClusterSecret? _secret;
    private readonly RequestSigner? _signer;
    private readonly ClusterCertificate? _certificate;
    private RunState? _run;
    private volatile bool _recording;
    private bool _disposed;

    /// <summary>Creates a manager. Call <see cref="StartServerAsync"/> to let workers join over the network.</summary>
    public Manager(ManagerOptions? options = null)
    {
        Options = options ?? new ManagerOptions();
        _loggerFactory = Options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("Chimera.Manager");
        if (!string.IsNullOrEmpty(Options.Secret))
        {
            _secret = new ClusterSecret(Options.Secret);
            _signer = new RequestSigner(_secret, Options.Clock);
        }

        _certificate = ClusterCertificate.Load(Options.TlsCertificatePath, Options.TlsCertificatePassword);
    }

    /// <summary>The manager's options.</summary>
    public ManagerOptions Options { get; }

    /// <summary>The committed blueprint, or <see langword="null"/> before the first commit and after a reset.</summary>
    public Blueprint? Blueprint => _run?.Blueprint;

    /// <summary>The folder of the current run in <see cref="ManagerOptions.LogDirectory"/>, or <see langword="null"/>.</summary>
    public string? RunDirectory => _run?.RunDirectory;

    /// <summary>Whether recorders are writing (after <see cref="RecordAsync"/>) rather than previewing.</summary>
    public bool IsRecording => _recording;

    /// <summary>The workers of the current commit.</summary>
    public IReadOnlyList<string> Workers => _run is null ? [] : [.. _run.Workers.Keys];

    /// <summary>Where the current run is, or <see langword="null"/> when nothing is committed.</summary>
    public RunStatus? Status => _run?.Status;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        _lifecycle.Dispose();
    }

    private void ThrowIfNotCommitted(string action)
    {
        ThrowIfDisposed();
        if (_run is null)
        {
            throw new InvalidOperationException($"Cannot {action}: no graph is committed. Call CommitGraphAsync first.");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Committed run {RunId}: {Nodes} nodes on {Workers} workers.")]
    private static partial void LogCommitted(ILogger logger, string runId, int nodes, int workers);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Node \"{Node}\" on worker \"{Worker}\" failed during {Phase}: {Error}; stopping the graph.")]
    private static partial void LogNodeFailed(ILogger logger, string node, string worker, string phase, string error);
}
