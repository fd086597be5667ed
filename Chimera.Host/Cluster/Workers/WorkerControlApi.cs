using Chimera.Cluster.Http;
using Chimera.Cluster.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Chimera.Cluster.Workers;

/// <summary>The worker's control API, driven by the manager: prepare and receive assemblies, commit, connect, start, record, stop, abort, reset, report, shut down.</summary>
internal static class WorkerControlApi
{
    public static void Map(IEndpointRouteBuilder endpoints, Worker worker, ControlAuthentication auth)
    {
        var runtime = worker.Runtime;
        endpoints.MapGet("/health", () => Results.Json(new { status = "up", worker = worker.Name, joined = worker.IsJoined }, ControlJson.Options));
        var api = endpoints.MapGroup("/api").AddEndpointFilter(auth.FilterAsync);

        api.MapPost("/prepare", (PrepareRequest request) => Results.Json(new PrepareResponse(runtime.Missing(request.Assemblies)), ControlJson.Options));
        api.MapPut("/assemblies/{sha}", async (string sha, HttpRequest request, CancellationToken ct) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
            return await GuardAsync(async () =>
            {
                await runtime.PutAssemblyAsync(sha, buffer.ToArray(), ct).ConfigureAwait(false);
                return Results.Ok();
            }).ConfigureAwait(false);
        });
        api.MapPost("/commit", (CommitRequest request, CancellationToken ct) => GuardAsync(async () =>
        {
            var runDirectory = request.RunDirectoryName is null ? null : Path.Combine(Path.GetFullPath(worker.Options.LogDirectory), Path.GetFileName(request.RunDirectoryName));
            var failures = await runtime.CommitAsync(request.Blueprint, request.Assemblies, runDirectory, null, ct).ConfigureAwait(false);
            return Results.Json(new CommitResponse(failures), ControlJson.Options);
        }));
        api.MapPost("/connect", (ConnectRequest request, CancellationToken ct) => GuardAsync(async () =>
            Results.Json(new ConnectResponse(await worker.ConnectRemoteEdgesAsync(request, ct).ConfigureAwait(false)), ControlJson.Options)));
        api.MapPost("/start", (bool? manual) => Guard(() =>
        {
            runtime.Start(manual ?? false);
            return Results.Ok();
        }));
        api.MapPost("/step", (CancellationToken ct) => GuardAsync(async () =>
        {
            await runtime.StepAsync(ct).ConfigureAwait(false);
            return Results.Ok();
        }));
        api.MapPost("/nodes/{node}/methods/{method}", (string node, string method, System.Text.Json.JsonElement? arguments, CancellationToken ct) => GuardAsync(async () =>
            Results.Json(await runtime.InvokeAsync(node, method, arguments, ct).ConfigureAwait(false), ControlJson.Options)));
        api.MapGet("/taps/{node}", async (string node, double? rate, HttpContext http, CancellationToken ct) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                return Results.Json(new ErrorResponse("A tap needs a WebSocket upgrade."), ControlJson.Options, statusCode: 400);
            }

            IAsyncEnumerable<DataChunk> chunks;
            try
            {
                chunks = runtime.TapAsync(node, rate, ct);
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or ArgumentException)
            {
                return Results.Json(new ErrorResponse(ex.Message), ControlJson.Options, statusCode: 404);
            }

            using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await TapClient.ServeAsync(socket, chunks, ct).ConfigureAwait(false);
            return Results.Empty;
        });
        api.MapPost("/record", (RecordRequest request) => Guard(() =>
        {
            runtime.SetRecording(request.Recording);
            return Results.Ok();
        }));
        api.MapPost("/stop", () => Guard(() =>
        {
            runtime.StopSources();
            return Results.Ok();
        }));
        api.MapPost("/abort", () => Guard(() =>
        {
            runtime.Abort();
            return Results.Ok();
        }));
        api.MapPost("/reset", (CancellationToken ct) => GuardAsync(async () =>
        {
            await runtime.ResetAsync(ct).ConfigureAwait(false);
            return Results.Ok();
        }));
        api.MapPost("/collect/{runId}", (string runId, bool? pack, CancellationToken ct) => GuardAsync(async () =>
            Results.Json(await worker.Archives.PrepareAsync(runId, pack ?? true, ct).ConfigureAwait(false), ControlJson.Options)));
        api.MapGet("/collect/{runId}/archive", (string runId, long offset, int length, HttpContext http, CancellationToken ct) => GuardAsync(async () =>
        {
            var (bytes, sha) = await worker.Archives.ReadAsync(runId, offset, length, ct).ConfigureAwait(false);
            http.Response.Headers[Cluster.Collect.WorkerArchives.ChunkHashHeader] = sha;
            return Results.Bytes(bytes, "application/octet-stream");
        }));
        api.MapDelete("/collect/{runId}", (string runId) => Guard(() =>
        {
            worker.Archives.Release(runId);
            return Results.Ok();
        }));
        api.MapGet("/report", () => runtime.Report() is { } report ? Results.Json(report, ControlJson.Options) : Results.NoContent());
        api.MapPost("/shutdown", (ShutdownRequest request, CancellationToken ct) => GuardAsync(async () =>
        {
            await runtime.ResetAsync(ct).ConfigureAwait(false);
            if (request.Exit)
            {
                worker.RequestExit();
            }

            return Results.Ok();
        }));
    }

    private static IResult Guard(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InvalidDataException)
        {
            return Results.Json(new ErrorResponse(ex.Message), ControlJson.Options, statusCode: ex is InvalidOperationException ? 409 : 400);
        }
    }

    private static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InvalidDataException or IOException or KeyNotFoundException)
        {
            return Results.Json(new ErrorResponse(ex.Message), ControlJson.Options, statusCode: ex switch { KeyNotFoundException => 404, InvalidOperationException => 409, _ => 400 });
        }
    }
}
