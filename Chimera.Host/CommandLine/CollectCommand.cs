using System.Collections.Concurrent;
using System.CommandLine;
using System.Net.WebSockets;
using System.Text.Json;
using Chimera.Cluster.Collect;
using Chimera.Cluster.Http;
using Chimera.Cluster.Security;
using Spectre.Console;

namespace Chimera.Host.CommandLine;

/// <summary><c>chimera collect</c>: asks the manager to gather the last run's files from every worker, with a progress bar per worker.</summary>
internal static class CollectCommand
{
    public static Command Create()
    {
        var manager = new Option<string>("--manager") { Description = "The manager's URL.", Required = true };
        var logdir = new Option<string?>("--logdir") { Description = "The folder, on the manager's machine, to gather the run into (default: the manager's log directory)." };
        var command = new Command("collect", "Gather the last run's recorded files from every worker into one run folder on the manager's machine, checking SHA-256 on arrival.")
        {
            manager, logdir,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(manager)!, parse.GetValue(logdir), ct));
        return command;
    }

    private static async Task<int> RunAsync(string url, string? logdir, CancellationToken cancellationToken)
    {
        var latest = new ConcurrentDictionary<string, CollectProgress>(StringComparer.Ordinal);
        using var client = StatusCommand.ClientFor(url);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var socket = await ConnectEventsAsync(url, cancellationToken).ConfigureAwait(false);
        var watcher = socket is null ? Task.CompletedTask : WatchAsync(socket, latest, watching.Token);

        CollectResult? result = null;
        string? error = null;
        try
        {
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                .StartAsync(async context =>
                {
                    var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                    var call = client.SendAsync<CollectResult>(HttpMethod.Post, "api/collect", new CollectRequest(logdir), cancellationToken);
                    while (!call.IsCompleted)
                    {
                        Update(context, bars, latest);
                        await Task.WhenAny(call, Task.Delay(100, cancellationToken)).ConfigureAwait(false);
                    }

                    try
                    {
                        result = await call.ConfigureAwait(false);
                        foreach (var worker in result.Workers)
                        {
                            latest[worker.Worker] = new CollectProgress(result.RunId, worker.Worker, CollectStage.Completed, worker.Bytes, worker.Bytes, worker.Attempts, worker.Method);
                        }
                    }
                    catch (ControlApiException ex)
                    {
                        error = ex.Message;
                    }

                    Update(context, bars, latest);
                }).ConfigureAwait(false);
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
            await watcher.ConfigureAwait(false);
        }

        if (result is null)
        {
            await Console.Error.WriteLineAsync("chimera collect: " + error).ConfigureAwait(false);
            return 1;
        }

        var table = new Table().AddColumns("worker", "method", "files", "bytes", "attempts", "sha-256");
        foreach (var worker in result.Workers)
        {
            table.AddRow(Markup.Escape(worker.Worker), worker.Method, worker.Files.ToString(System.Globalization.CultureInfo.InvariantCulture), worker.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), worker.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), worker.Sha256 ?? "-");
        }

        AnsiConsole.Write(table);
        Console.Out.WriteLine($"run {result.RunId} collected into {result.Directory}");
        return 0;
    }

    /// <summary>One bar per worker: bytes against the archive's size; finished when the worker's files are in place.</summary>
    private static void Update(ProgressContext context, Dictionary<string, ProgressTask> bars, ConcurrentDictionary<string, CollectProgress> latest)
    {
        foreach (var (worker, progress) in latest)
        {
            if (!bars.TryGetValue(worker, out var bar))
            {
                bar = context.AddTask(Markup.Escape(worker), maxValue: 1);
                bars[worker] = bar;
            }

            bar.Description = Markup.Escape($"{worker} {progress.Stage.ToString().ToLowerInvariant()}{(progress.Attempt > 1 ? $" (attempt {progress.Attempt})" : string.Empty)}");
            bar.MaxValue = Math.Max(1, progress.TotalBytes);
            bar.Value = progress.Stage == CollectStage.Completed ? bar.MaxValue : Math.Min(progress.Bytes, bar.MaxValue);
            if (progress.Stage is CollectStage.Completed or CollectStage.Failed)
            {
                bar.StopTask();
            }
        }
    }

    /// <summary>Opens the manager's event WebSocket (signed when CHIMERA_SECRET is set); null when it cannot, so collect still runs, only without bars.</summary>
    private static async Task<ClientWebSocket?> ConnectEventsAsync(string url, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        var secret = Environment.GetEnvironmentVariable(ClusterSettingsReader.DefaultSecretVariable);
        if (!string.IsNullOrEmpty(secret))
        {
            socket.Options.SetRequestHeader(RequestSigner.HeaderName, new RequestSigner(new ClusterSecret(secret), TimeProvider.System).Sign("GET", "/api/events"));
        }

        var uri = new UriBuilder(url.TrimEnd('/') + "/api/events");
        uri.Scheme = uri.Scheme == "https" ? "wss" : "ws";
        try
        {
            await socket.ConnectAsync(uri.Uri, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException)
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary>Keeps the latest <c>collect-progress</c> of each worker until cancelled or the manager closes the socket.</summary>
    private static async Task WatchAsync(ClientWebSocket socket, ConcurrentDictionary<string, CollectProgress> latest, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var e = JsonSerializer.Deserialize<ClusterEvent>(message.GetBuffer().AsSpan(0, (int)message.Length), ControlJson.Options);
                message.SetLength(0);
                if (e?.Collect is { } progress)
                {
                    latest[progress.Worker] = progress;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or JsonException)
        {
            // Done, or the manager went away: the final answer of POST /api/collect still says everything.
        }
    }
}
