using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Chimera.Cluster.Http;
using Chimera.Cluster.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Chimera.Cluster;

/// <summary>
/// The manager's control API: registration, heartbeats and events from workers; commit and lifecycle commands, status
/// and an event WebSocket for clients. Every answer that refuses says why in one sentence (<see cref="ErrorResponse"/>).
/// </summary>
internal static class ManagerControlApi
{
    /// <summary>A commit from a client: the compiled blueprint and the assemblies (already uploaded) its nodes need.</summary>
    internal sealed record ClientCommitRequest(Blueprint Blueprint, IReadOnlyList<AssemblyRef> Assemblies);

    public static void Map(IEndpointRouteBuilder endpoints, Manager manager, ControlAuthentication auth, string prefix)
    {
        endpoints.MapGet(prefix + "/health", () => Results.Json(new { status = "up", manager = manager.ManagerId, workers = manager.RegisteredWorkers.Count }, ControlJson.Options));
        endpoints.MapGet(prefix + "/api/challenge", () => Results.Json(new ChallengeResponse(manager.NewChallenge()), ControlJson.Options));

        // Registration proves the secret through the challenge, so it sits outside the signed group.
        endpoints.MapPost(prefix + "/api/workers", (RegisterRequest request, HttpContext http) => Guard(() =>
        {
            var loopback = http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
            return Results.Json(manager.Register(request, loopback), ControlJson.Options);
        }));

        var api = endpoints.MapGroup(prefix + "/api").AddEndpointFilter(auth.FilterAsync);
        api.MapPost("/workers/{name}/heartbeat", (string name, HeartbeatMessage heartbeat) => Guard(() =>
        {
            manager.Heartbeat(name, heartbeat);
            return Results.Ok();
        }));
        api.MapPost("/workers/{name}/events", (string name, WorkerEventMessage message) => Guard(() =>
        {
            manager.WorkerEvent(name, message);
            return Results.Ok();
        }));
        api.MapDelete("/workers/{name}", (string name) => Guard(() =>
        {
            manager.Deregister(name);
            return Results.Ok();
        }));
        api.MapGet("/status", () => Results.Json(manager.GetStatus(), ControlJson.Options));
        api.MapPost("/clock", (Clock.ClockProbeRequest probe) => manager.AnswerClockProbe(probe));
        api.MapPost("/collect", (Collect.CollectRequest request, CancellationToken ct) => GuardAsync(async () =>
            Results.Json(await manager.CollectAsync(request.Destination, null, ct).ConfigureAwait(false), ControlJson.Options)));

        api.MapPost("/assemblies/prepare", (PrepareRequest request) =>
            Results.Json(new PrepareResponse([.. request.Assemblies.Where(a => !manager.Assemblies.Has(a.Sha256)).Select(a => a.Sha256)]), ControlJson.Options));
        api.MapPut("/assemblies/{sha}", async (string sha, HttpRequest request, CancellationToken ct) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
            return await GuardAsync(async () =>
            {
                await manager.Assemblies.PutAsync(sha, buffer.ToArray(), ct).ConfigureAwait(false);
                return Results.Ok();
            }).ConfigureAwait(false);
        });

        api.MapPost("/commit", (ClientCommitRequest request, CancellationToken ct) => GuardAsync(async () =>
        {
            var blueprint = await manager.CommitBlueprintAsync(request.Blueprint, request.Assemblies, manager.Assemblies, ct).ConfigureAwait(false);
            return Results.Json(new { runId = blueprint.Id }, ControlJson.Options);
        }));
        api.MapPost("/start", (CancellationToken ct) => GuardAsync(async () =>
        {
            await manager.StartAsync(ct).ConfigureAwait(false);
            return Results.Ok();
        }));
        api.MapPost("/step", (CancellationToken ct) => GuardAsync(async () =>
        {
            await manager.StepAsync(ct).ConfigureAwait(false);
            return Results.Ok();
        }));
        api.MapPost("/nodes/{node}/methods/{method}", (string node, string method, JsonElement? arguments, CancellationToken ct) => GuardAsync(async () =>
            Results.Json(await manager.InvokeAsync(node, method, arguments, ct).ConfigureAwait(false), ControlJson.Options)));
        api.MapGet("/taps/{node}", async (string node, double? rate, HttpContext http, CancellationToken ct) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                return Results.Json(new ErrorResponse("A tap needs a WebSocket upgrade."), ControlJson.Options, statusCode: 400);
            }

            if (manager.Blueprint?.Nodes.Any(n => n.Name == node) != true)
            {
                return Results.Json(new ErrorResponse($"The current run has no node named '{node}'."), ControlJson.Options, statusCode: 404);
            }

            using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await TapClient.ServeAsync(socket, manager.TapAsync(node, rate, ct), ct).ConfigureAwait(false);
            return Results.Empty;
        });
        api.MapPost("/record", (CancellationToken ct) => GuardAsync(async () =>
        {
            await manager.RecordAsync(ct).ConfigureAwait(false);
            return Results.Ok();
        }));
        api.MapPost("/stop", (CancellationToken ct) => ReportAsync(() => manager.StopAsync(ct)));
        api.MapPost("/wait", (CancellationToken ct) => ReportAsync(() => manager.WaitForCompletionAsync(ct)));
        api.MapGet("/report", () => Results.Json(manager.GetReport(), ControlJson.Options));
        api.MapPost("/reset", (CancellationToken ct) => GuardAsync(async () =>
        {
            await manager.ResetAsync(ct).ConfigureAwait(false);
            return Results.Ok();
        }));
        api.MapPost("/shutdown", (ShutdownRequest request) =>
        {
            // Answer first; the manager's own server is among the things that shut down.
            _ = Task.Run(async () =>
            {
                await Task.Delay(100).ConfigureAwait(false);
                await manager.ShutdownAsync(keepWorkers: !request.Exit).ConfigureAwait(false);
                manager.RaiseShutdownRequested();
            });
            return Results.Ok();
        });
        api.MapGet("/events", async (HttpContext http, CancellationToken ct) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                return Results.Json(new ErrorResponse("GET /api/events needs a WebSocket upgrade."), ControlJson.Options, statusCode: 400);
            }

            using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            try
            {
                await foreach (var e in manager.SubscribeAsync(ct).ConfigureAwait(false))
                {
                    var bytes = JsonSerializer.SerializeToUtf8Bytes(e, ControlJson.Options);
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // The client went away or the manager is stopping.
            }

            return Results.Empty;
        });
    }

    private static async Task<IResult> ReportAsync(Func<Task<RunReport>> action)
    {
        try
        {
            return Results.Json(await action().ConfigureAwait(false), ControlJson.Options);
        }
        catch (RunFailedException ex)
        {
            return Results.Json(ex.Report, ControlJson.Options);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Json(new ErrorResponse(ex.Message), ControlJson.Options, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static IResult Guard(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex)
        {
            return Error(ex);
        }
    }

    private static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Error(ex);
        }
    }

    private static IResult Error(Exception ex)
    {
        var status = ex switch
        {
            UnauthorizedAccessException => StatusCodes.Status401Unauthorized,
            KeyNotFoundException => StatusCodes.Status404NotFound,
            ArgumentException or InvalidDataException => StatusCodes.Status400BadRequest,
            CommitFailedException => StatusCodes.Status422UnprocessableEntity,
            ControlApiException => StatusCodes.Status502BadGateway,
            InvalidOperationException => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status500InternalServerError,
        };
        return Results.Json(new ErrorResponse(ex.Message), ControlJson.Options, statusCode: status);
    }
}
