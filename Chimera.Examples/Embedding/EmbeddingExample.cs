using Chimera.Configuration;
using Chimera.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chimera.Examples.Embedding;

/// <summary>
/// A team that already runs an ASP.NET Core service embeds a Chimera manager in it: the manager is a hosted service
/// configured from HOCON, its control API is served on the service's own port under <c>/chimera</c>, its health shows
/// on <c>/healthz</c>, it logs through the service's logging, and the service's own endpoints drive runs.
/// </summary>
public static class EmbeddingExample
{
    /// <summary>The manager's settings, as they would sit in the service's <c>chimera.conf</c>.</summary>
    private const string ChimeraConfig = """
        chimera.manager {
          heartbeat-interval = 250ms          # HOCON durations bind (1s, 250ms, 00:00:01)
          acceptable-heartbeat-pause = 2s
          secret-env = CHIMERA_SECRET         # the secret comes from the environment, never from the file
        }
        """;

    /// <summary>Builds the service: a minimal API with an embedded manager.</summary>
    /// <param name="url">Where the service listens; port 0 takes a free port.</param>
    /// <param name="configure">Adds to the builder before it is built (tests add a logger, for instance).</param>
    /// <returns>The app, not yet started.</returns>
    public static WebApplication BuildApp(string url = "http://127.0.0.1:5080", Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Configuration.AddHoconString(ChimeraConfig, "chimera.conf");
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("Chimera", LogLevel.Information);
        configure?.Invoke(builder);

        // The manager and its health check: a hosted service that starts and stops with the app.
        builder.Services.AddChimeraManager(builder.Configuration.GetSection("chimera:manager"));
        builder.Services.AddHealthChecks().AddChimeraHealthChecks();

        var app = builder.Build();

        // The control API on the app's own port: workers join http://host:port/chimera; no second port to open.
        app.MapChimeraManager("/chimera");
        app.MapHealthChecks("/healthz");

        // The service's own API uses the manager like any other injected service.
        app.MapGet("/workers", (Manager manager) => manager.RegisteredWorkers.Select(w => new { w.Name, w.Liveness, w.CpuPercent, w.MemoryBytes }));
        app.MapPost("/runs/count", CountOnFirstWorkerAsync);
        return app;
    }

    /// <summary>
    /// Starts the service, lets a worker join it over HTTP (started in-process here; on a real deployment it is
    /// <c>chimera worker --manager http://service:5080/chimera</c> on another machine), runs a graph through the
    /// service's API and prints what came back. With <paramref name="serve"/>, keeps serving until cancelled.
    /// </summary>
    /// <param name="output">Where the example reports.</param>
    /// <param name="url">Where the service listens.</param>
    /// <param name="serve">Keep the service up after the demo (Ctrl-C ends it).</param>
    /// <param name="cancellationToken">Stops the example.</param>
    /// <returns>The run's answer as JSON text.</returns>
    public static async Task<string> RunAsync(TextWriter output, string url = "http://127.0.0.1:0", bool serve = false, CancellationToken cancellationToken = default)
    {
        await using var app = BuildApp(url);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        await output.WriteLineAsync($"Service on {baseUrl}; Chimera control API on {baseUrl}/chimera, health on {baseUrl}/healthz.").ConfigureAwait(false);

        await using (var worker = new Worker(new WorkerOptions { Name = "edge-1", ManagerUrl = baseUrl + "/chimera", LogDirectory = Path.Combine(Path.GetTempPath(), "chimera-examples", "embedding") }))
        {
            await worker.StartAsync(cancellationToken).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            await WaitForWorkerAsync(app.Services.GetRequiredService<Manager>(), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"GET /healthz -> {await http.GetStringAsync("/healthz", cancellationToken).ConfigureAwait(false)}").ConfigureAwait(false);

            using var response = await http.PostAsync("/runs/count?n=20", null, cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"POST /runs/count?n=20 -> {(int)response.StatusCode} {answer}").ConfigureAwait(false);

            if (serve)
            {
                await output.WriteLineAsync($"Serving until Ctrl-C. Try: curl {baseUrl}/workers; curl -X POST '{baseUrl}/runs/count?n=100'").ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return answer;
        }
    }

    /// <summary>
    /// The service's endpoint: counts to <paramref name="n"/> on the first live worker (a Counter and an Identity,
    /// built-in nodes every worker has), waits for the run to end, and answers with its counters.
    /// </summary>
    private static async Task<IResult> CountOnFirstWorkerAsync(Manager manager, int n, CancellationToken cancellationToken)
    {
        var worker = manager.RegisteredWorkers.FirstOrDefault(w => w.Liveness == "up");
        if (worker is null)
        {
            return Results.Problem("No live worker has joined; start one with chimera worker --manager <this service>/chimera.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var graph = new Graph("count")
            .AddNode("count", new Counter { Count = n })
            .AddNode("pass", new Identity())
            .AddEdge("count", "pass");
        try
        {
            await manager.CommitGraphAsync(graph, new Dictionary<string, IReadOnlyList<string>> { [worker.Name] = ["count", "pass"] }, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            // One run at a time: a request while another run is committed is told so, and that run is left alone.
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }

        try
        {
            await manager.StartAsync(cancellationToken).ConfigureAwait(false);
            var report = await manager.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
            return Results.Ok(new { run = report.RunId, worker = worker.Name, status = report.Status.ToString(), steps = report.Node("pass").Steps });
        }
        finally
        {
            // Free the cluster for the next request.
            await manager.ResetAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until a worker has joined the embedded manager.</summary>
    private static async Task WaitForWorkerAsync(Manager manager, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (!manager.RegisteredWorkers.Any(w => w.Liveness == "up"))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), limit.Token).ConfigureAwait(false);
        }
    }
}
