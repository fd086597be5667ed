using Chimera.Cluster.Protocol;
using Chimera.Runtime;

namespace Chimera.Cluster.Workers;

/// <summary>How the manager drives one worker, whether it runs in the manager's process or in its own.</summary>
internal interface IWorkerHandle : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Whether the worker runs inside the manager's process (its edges to other embedded workers are in-memory).</summary>
    bool IsEmbedded { get; }

    /// <summary>The hashes of the announced assemblies the worker lacks.</summary>
    Task<IReadOnlyList<string>> PrepareAsync(IReadOnlyList<AssemblyRef> assemblies, CancellationToken cancellationToken);

    Task UploadAsync(AssemblyRef assembly, string path, CancellationToken cancellationToken);

    Task<IReadOnlyList<NodeFailure>> CommitAsync(Blueprint blueprint, IReadOnlyList<AssemblyRef> assemblies, string? runDirectory, Func<BlueprintEdge, EdgeChannel>? sharedEdges, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken);

    /// <summary>Starts the worker's partition; with <paramref name="manualSources"/>, sources step only when asked.</summary>
    Task StartAsync(bool manualSources, CancellationToken cancellationToken);

    /// <summary>Runs one step of every source on the worker.</summary>
    Task StepAsync(CancellationToken cancellationToken);

    /// <summary>Streams a node's output (sampled to <paramref name="maxRate"/> per second when set) until cancelled or the node ends.</summary>
    /// <param name="node">The node.</param>
    /// <param name="maxRate">Chunks per second at most, or every chunk.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <param name="opened">Called once the worker has registered the tap: from then on nothing the node publishes is missed.</param>
    IAsyncEnumerable<DataChunk> TapAsync(string node, double? maxRate, CancellationToken cancellationToken, Action? opened = null);

    /// <summary>Calls a registered method of a node on the worker.</summary>
    Task<System.Text.Json.JsonElement?> InvokeAsync(string node, string method, System.Text.Json.JsonElement? arguments, CancellationToken cancellationToken);

    Task SetRecordingAsync(bool recording, CancellationToken cancellationToken);

    Task StopSourcesAsync(CancellationToken cancellationToken);

    Task AbortAsync(CancellationToken cancellationToken);

    Task ResetAsync(CancellationToken cancellationToken);

    Task<RunReport?> ReportAsync(CancellationToken cancellationToken);

    Task ShutdownAsync(bool exit, CancellationToken cancellationToken);
}
