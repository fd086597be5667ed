using System.Net.Http.Headers;
using Chimera.Cluster;
using Chimera.Cluster.Assemblies;
using Chimera.Cluster.Http;
using Chimera.Cluster.Protocol;
using Spectre.Console;

namespace Chimera.Host.CommandLine;

/// <summary>
/// Runs a pipeline on a running manager (<c>chimera run --manager URL</c>): compiles it here, uploads the assemblies the
/// manager lacks, commits with the pipeline's worker mapping, starts or records, waits (draining on stop), collects
/// when recording, and resets the manager for the next run.
/// </summary>
internal sealed class RemotePipelineExecutor(string managerUrl, TextWriter progress) : IPipelineExecutor
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<RunOutcome> ExecuteAsync(RunRequest request, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var client = StatusCommand.ClientFor(managerUrl);
        var graph = request.Pipeline.Graph;
        var blueprint = graph.Compile(request.Pipeline.Mapping);
        var assemblies = AssemblyCatalog.For(graph.Nodes.Select(n => n.Node.GetType().Assembly).Distinct());

        await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(progress) }).Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var upload = context.AddTask("upload assemblies", maxValue: Math.Max(1, assemblies.Count));
                var missing = (await client.SendAsync<PrepareResponse>(HttpMethod.Post, "api/assemblies/prepare", new PrepareRequest([.. assemblies.Select(a => a.Ref)]), CancellationToken.None).ConfigureAwait(false)).Missing;
                foreach (var (assembly, path) in assemblies)
                {
                    if (missing.Contains(assembly.Sha256))
                    {
                        var content = new ByteArrayContent(await File.ReadAllBytesAsync(path, CancellationToken.None).ConfigureAwait(false));
                        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                        using var response = await client.SendRawAsync(HttpMethod.Put, $"api/assemblies/{assembly.Sha256}", content, CancellationToken.None).ConfigureAwait(false);
                    }

                    upload.Increment(1);
                }

                upload.Value = upload.MaxValue;
                var commit = context.AddTask($"commit {blueprint.Nodes.Count} nodes on {blueprint.Partitions.Count} workers", maxValue: 1);
                await client.SendAsync(HttpMethod.Post, "api/commit", new ManagerControlApi.ClientCommitRequest(blueprint, [.. assemblies.Select(a => a.Ref)]), CancellationToken.None).ConfigureAwait(false);
                commit.Increment(1);
            }).ConfigureAwait(false);

        try
        {
            await client.SendAsync(HttpMethod.Post, request.Record ? "api/record" : "api/start", null, CancellationToken.None).ConfigureAwait(false);
            while (!stop.IsCancellationRequested)
            {
                var report = await client.SendAsync<RunReport>(HttpMethod.Get, "api/report", null, CancellationToken.None).ConfigureAwait(false);
                if (report.Status is not (RunStatus.Running or RunStatus.Committed))
                {
                    break;
                }

                try
                {
                    await Task.Delay(PollInterval, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
            }

            // Stop drains (and returns the report even when the run failed); it is a no-op wait when the run already ended.
            var final = await client.SendAsync<RunReport>(HttpMethod.Post, "api/stop", null, CancellationToken.None).ConfigureAwait(false);
            if (final.Status == RunStatus.Failed)
            {
                throw new RunFailedException(final);
            }

            return new RunOutcome(final, null);
        }
        finally
        {
            await client.SendAsync(HttpMethod.Post, "api/reset", null, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
