using Chimera.Cluster.Protocol;
using Chimera.Runtime;

namespace Chimera.Cluster.Workers;

/// <summary>A worker inside the manager's process: calls go straight to its runtime.</summary>
internal sealed class EmbeddedWorkerHandle(WorkerRuntime runtime) : IWorkerHandle
{
    public string Name => runtime.Name;

    public bool IsEmbedded => true;

    public WorkerRuntime Runtime => runtime;

    public Task<IReadOnlyList<string>> PrepareAsync(IReadOnlyList<AssemblyRef> assemblies, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task UploadAsync(AssemblyRef assembly, string path, CancellationToken cancellationToken) => Task.CompletedTask;

    // In the manager's process the node types are already loaded: nothing to ship.
    public Task<IReadOnlyList<NodeFailure>> CommitAsync(Blueprint blueprint, IReadOnlyList<AssemblyRef> assemblies, string? runDirectory, Func<BlueprintEdge, EdgeChannel>? sharedEdges, CancellationToken cancellationToken) =>
        runtime.CommitAsync(blueprint, [], runDirectory, sharedEdges, cancellationToken);

    public Task<IReadOnlyList<string>> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task StartAsync(bool manualSources, CancellationToken cancellationToken)
    {
        runtime.Start(manualSources);
        return Task.CompletedTask;
    }

    public Task StepAsync(CancellationToken cancellationToken) => runtime.StepAsync(cancellationToken);

    public IAsyncEnumerable<DataChunk> TapAsync(string node, double? maxRate, CancellationToken cancellationToken, Action? opened = null)
    {
        // In process the tap is registered by this call.
        var stream = runtime.TapAsync(node, maxRate, cancellationToken);
        opened?.Invoke();
        return stream;
    }

    public Task<System.Text.Json.JsonElement?> InvokeAsync(string node, string method, System.Text.Json.JsonElement? arguments, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(node, method, arguments, cancellationToken);

    public Task SetRecordingAsync(bool recording, CancellationToken cancellationToken)
    {
        runtime.SetRecording(recording);
        return Task.CompletedTask;
    }

    public Task StopSourcesAsync(CancellationToken cancellationToken)
    {
        runtime.StopSources();
        return Task.CompletedTask;
    }

    public Task AbortAsync(CancellationToken cancellationToken)
    {
        runtime.Abort();
        return Task.CompletedTask;
    }

    public Task ResetAsync(CancellationToken cancellationToken) => runtime.ResetAsync(cancellationToken);

    public Task<RunReport?> ReportAsync(CancellationToken cancellationToken) => Task.FromResult(runtime.Report());

    public Task ShutdownAsync(bool exit, CancellationToken cancellationToken) => runtime.ResetAsync(cancellationToken);

    public ValueTask DisposeAsync() => runtime.DisposeAsync();
}
