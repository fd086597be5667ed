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

    Task StartAsync(CancellationToken cancellationToken);

    Task SetRecordingAsync(bool recording, CancellationToken cancellationToken);

    Task StopSourcesAsync(CancellationToken cancellationToken);

    Task AbortAsync(CancellationToken cancellationToken);

    Task ResetAsync(CancellationToken cancellationToken);

    Task<RunReport?> ReportAsync(CancellationToken cancellationToken);

    Task ShutdownAsync(bool exit, CancellationToken cancellationToken);
}
