using System.Diagnostics;
using Chimera.Cluster.Protocol;
using Chimera.Cluster.Security;
using Microsoft.Extensions.Logging;

namespace Chimera;

public sealed partial class Worker
{
    /// <summary>Joins the manager (with backoff while it is not up), then sends heartbeats; re-joins when the manager forgot this worker.</summary>
    private async Task KeepMembershipAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        var process = Process.GetCurrentProcess();
        while (!cancellationToken.IsCancellationRequested)
        {
            RegisterResponse registered;
            try
            {
                registered = await RegisterAsync(cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(200);
            }
            catch (ControlApiException ex) when (ex.StatusCode is 401 or 409)
            {
                // Refused for a reason retrying will not fix (wrong secret, duplicate name): say so and keep trying slowly.
                LogRefused(_logger, Name, ex.Message);
                await DelayAsync(Options.MaxJoinBackoff, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (ControlApiException ex)
            {
                LogJoinRetry(_logger, Name, Options.ManagerUrl!, backoff.TotalMilliseconds, ex.Message);
                await DelayAsync(backoff, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, Options.MaxJoinBackoff.TotalMilliseconds));
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            IsJoined = true;
            LogJoined(_logger, Name, Options.ManagerUrl!);
            await HeartbeatAsync(process, registered.Session, TimeSpan.FromMilliseconds(registered.HeartbeatIntervalMs), cancellationToken).ConfigureAwait(false);
            IsJoined = false;
        }
    }

    private async Task<RegisterResponse> RegisterAsync(CancellationToken cancellationToken)
    {
        var challenge = await _manager!.SendAsync<ChallengeResponse>(HttpMethod.Get, "api/challenge", null, cancellationToken).ConfigureAwait(false);
        var proof = _secret?.Prove(challenge.Nonce, $"register|{Name}|{ControlUrl}") ?? string.Empty;
        var request = new RegisterRequest(Name, ControlUrl!, DataEndpoint!, challenge.Nonce, proof, Environment.ProcessId, System.Net.Dns.GetHostName(), typeof(Worker).Assembly.GetName().Version?.ToString() ?? "0");
        return await _manager.SendAsync<RegisterResponse>(HttpMethod.Post, "api/workers", request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends heartbeats until the manager stops knowing this worker (404) or stops answering for long.</summary>
    private async Task HeartbeatAsync(Process process, string session, TimeSpan interval, CancellationToken cancellationToken)
    {
        var lastCpu = process.TotalProcessorTime;
        var lastWall = Stopwatch.GetTimestamp();
        var failures = 0;
        using var timer = new PeriodicTimer(interval, Options.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var wall = Stopwatch.GetElapsedTime(lastWall);
                var percent = wall.TotalMilliseconds > 0 ? 100.0 * (cpu - lastCpu).TotalMilliseconds / wall.TotalMilliseconds : 0;
                lastCpu = cpu;
                lastWall = Stopwatch.GetTimestamp();
                var heartbeat = new HeartbeatMessage(Name, session, Math.Round(percent, 1), process.WorkingSet64, process.Threads.Count, Runtime.Report(), ClockOffset?.TotalMilliseconds, ClockUncertainty?.TotalMilliseconds);
                try
                {
                    await _manager!.SendAsync(HttpMethod.Post, $"api/workers/{Uri.EscapeDataString(Name)}/heartbeat", heartbeat, cancellationToken).ConfigureAwait(false);
                    failures = 0;
                }
                catch (ControlApiException ex) when (ex.StatusCode == 404)
                {
                    return;
                }
                catch (ControlApiException ex)
                {
                    // Keep beating: a manager that comes back sees the worker again; after a long silence, register anew.
                    if (++failures == 1)
                    {
                        LogHeartbeatFailed(_logger, Name, ex.Message);
                    }

                    if (failures >= 10)
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends run events to the manager in order; one owned task, so nothing is lost to fire-and-forget.</summary>
    private async Task SendEventsAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _events.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (_manager is null)
            {
                continue;
            }

            for (var attempt = 0; attempt < 5 && !cancellationToken.IsCancellationRequested; attempt++)
            {
                try
                {
                    await _manager.SendAsync(HttpMethod.Post, $"api/workers/{Uri.EscapeDataString(Name)}/events", message, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (ControlApiException ex)
                {
                    LogEventRetry(_logger, Name, message.Kind, ex.Message);
                    await DelayAsync(TimeSpan.FromMilliseconds(200 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, Options.Clock, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Worker \"{Worker}\" joined the manager at {Manager}.")]
    private static partial void LogJoined(ILogger logger, string worker, string manager);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Worker \"{Worker}\" cannot join {Manager} yet; retrying in {DelayMs} ms: {Reason}")]
    private static partial void LogJoinRetry(ILogger logger, string worker, string manager, double delayMs, string reason);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Error, Message = "Worker \"{Worker}\" was refused by the manager: {Reason}")]
    private static partial void LogRefused(ILogger logger, string worker, string reason);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "Worker \"{Worker}\" heartbeat failed: {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string worker, string reason);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "Worker \"{Worker}\" could not send event {Kind} to the manager: {Reason}")]
    private static partial void LogEventRetry(ILogger logger, string worker, string kind, string reason);
}
