using System.Net.Http.Headers;
using Chimera.Cluster.Http;
using Chimera.Cluster.Protocol;
using Chimera.Runtime;

namespace Chimera.Cluster.Workers;

/// <summary>A worker in another process: calls go to its control API over HTTP, signed with the cluster secret.</summary>
internal sealed class RemoteWorkerHandle(string name, ControlClient client) : IWorkerHandle
{
    public string Name => name;

    public bool IsEmbedded => false;

    public string ControlUrl => client.BaseUrl;

    public async Task<IReadOnlyList<string>> PrepareAsync(IReadOnlyList<AssemblyRef> assemblies, CancellationToken cancellationToken) =>
        (await client.SendAsync<PrepareResponse>(HttpMethod.Post, "api/prepare", new PrepareRequest(assemblies), cancellationToken).ConfigureAwait(false)).Missing;

    public async Task UploadAsync(AssemblyRef assembly, string path, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.SendRawAsync(HttpMethod.Put, $"api/assemblies/{assembly.Sha256}", content, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<NodeFailure>> CommitAsync(Blueprint blueprint, IReadOnlyList<AssemblyRef> assemblies, string? runDirectory, Func<BlueprintEdge, EdgeChannel>? sharedEdges, CancellationToken cancellationToken) =>
        (await client.SendAsync<CommitResponse>(HttpMethod.Post, "api/commit", new CommitRequest(blueprint, assemblies, runDirectory is null ? null : Path.GetFileName(runDirectory)), cancellationToken).ConfigureAwait(false)).Failures;

    public async Task<IReadOnlyList<string>> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken) =>
        (await client.SendAsync<ConnectResponse>(HttpMethod.Post, "api/connect", request, cancellationToken).ConfigureAwait(false)).Errors;

    public Task StartAsync(bool manualSources, CancellationToken cancellationToken) =>
        client.SendAsync(HttpMethod.Post, manualSources ? "api/start?manual=true" : "api/start", null, cancellationToken);

    public Task StepAsync(CancellationToken cancellationToken) => client.SendAsync(HttpMethod.Post, "api/step", null, cancellationToken);

    public IAsyncEnumerable<DataChunk> TapAsync(string node, double? maxRate, CancellationToken cancellationToken, Action? opened = null) =>
        TapClient.ReadAsync(client, $"api/taps/{Uri.EscapeDataString(node)}{(maxRate is { } r ? "?rate=" + r.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}", cancellationToken, opened);

    public async Task<System.Text.Json.JsonElement?> InvokeAsync(string node, string method, System.Text.Json.JsonElement? arguments, CancellationToken cancellationToken)
    {
        using var response = await client.SendRawAsync(
            HttpMethod.Post,
            $"api/nodes/{Uri.EscapeDataString(node)}/methods/{Uri.EscapeDataString(method)}",
            System.Net.Http.Json.JsonContent.Create(arguments, options: ControlJson.Options),
            cancellationToken).ConfigureAwait(false);
        return await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement?>(response.Content, ControlJson.Options, cancellationToken).ConfigureAwait(false);
    }

    public Task SetRecordingAsync(bool recording, CancellationToken cancellationToken) =>
        client.SendAsync(HttpMethod.Post, "api/record", new RecordRequest(recording), cancellationToken);

    public Task StopSourcesAsync(CancellationToken cancellationToken) => client.SendAsync(HttpMethod.Post, "api/stop", null, cancellationToken);

    public Task AbortAsync(CancellationToken cancellationToken) => client.SendAsync(HttpMethod.Post, "api/abort", null, cancellationToken);

    public Task ResetAsync(CancellationToken cancellationToken) => client.SendAsync(HttpMethod.Post, "api/reset", null, cancellationToken);

    public async Task<RunReport?> ReportAsync(CancellationToken cancellationToken)
    {
        using var response = await client.SendRawAsync(HttpMethod.Get, "api/report", null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return null;
        }

        return await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<RunReport>(response.Content, ControlJson.Options, cancellationToken).ConfigureAwait(false);
    }

    public Task ShutdownAsync(bool exit, CancellationToken cancellationToken) =>
        client.SendAsync(HttpMethod.Post, "api/shutdown", new ShutdownRequest(exit), cancellationToken);

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
