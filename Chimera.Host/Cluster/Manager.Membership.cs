using Chimera.Cluster;
using Chimera.Cluster.Http;
using Chimera.Cluster.Membership;
using Chimera.Cluster.Protocol;
using Chimera.Cluster.Security;
using Chimera.Cluster.Workers;
using Microsoft.Extensions.Logging;

namespace Chimera;

public sealed partial class Manager
{
    private readonly Dictionary<string, DateTimeOffset> _challenges = new(StringComparer.Ordinal);
    private readonly Lock _registration = new();

    /// <summary>Every worker registered over the network, with liveness and resources.</summary>
    public IReadOnlyList<WorkerStatus> RegisteredWorkers => [.. _members.Values.Select(m => m.ToStatus()).OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>The cluster's state: workers and the current run.</summary>
    public ClusterStatus GetStatus() => new(Url ?? "(embedded)", RegisteredWorkers, _run is null ? null : GetReport());

    internal string NewChallenge()
    {
        var nonce = ClusterSecret.NewNonce();
        lock (_challenges)
        {
            var now = Options.Clock.GetUtcNow();
            foreach (var old in _challenges.Where(p => now - p.Value > TimeSpan.FromMinutes(1)).Select(p => p.Key).ToList())
            {
                _challenges.Remove(old);
            }

            _challenges[nonce] = now;
        }

        return nonce;
    }

    /// <summary>Admits a worker: checks its proof of the secret, refuses a duplicate live name, and starts watching its heartbeats.</summary>
    internal RegisterResponse Register(RegisterRequest request, bool fromLoopback)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new ArgumentException("A worker must register with a non-empty name.");
        }

        if (_secret is not null)
        {
            bool known;
            lock (_challenges)
            {
                known = _challenges.Remove(request.Nonce);
            }

            if (!known || !_secret.Verify(request.Nonce, $"register|{request.Name}|{request.ControlUrl}", request.Proof))
            {
                throw new UnauthorizedAccessException($"Worker '{request.Name}' was refused: wrong cluster secret or stale challenge.");
            }
        }
        else if (!fromLoopback)
        {
            throw new UnauthorizedAccessException($"Worker '{request.Name}' was refused: no cluster secret is configured, so only loopback workers may join. Set CHIMERA_SECRET on the manager and the workers.");
        }

        lock (_registration)
        {
            return Admit(request);
        }
    }

    private RegisterResponse Admit(RegisterRequest request)
    {
        if (_members.TryGetValue(request.Name, out var existing))
        {
            if (existing.Reachable && (existing.ControlUrl != request.ControlUrl || existing.ProcessId != request.ProcessId))
            {
                throw new InvalidOperationException(
                    $"A worker named '{request.Name}' is already registered (process {existing.ProcessId} on {existing.Host}, {existing.ControlUrl}); worker names must be unique.");
            }

            _members.TryRemove(request.Name, out _);
            _ = existing.Handle.DisposeAsync();
        }

        var handle = new RemoteWorkerHandle(request.Name, new ControlClient(request.ControlUrl, $"worker '{request.Name}'", _signer, certificate: _certificate));
        var detector = new PhiAccrualFailureDetector(Options.Clock, Options.PhiThreshold, Options.AcceptableHeartbeatPause, Options.HeartbeatInterval);
        var member = new WorkerMember(request.Name, request.ControlUrl, request.DataEndpoint, request.ProcessId, request.Host, handle, detector)
        {
            LastHeartbeat = Options.Clock.GetUtcNow(),
        };
        _members[request.Name] = member;
        LogJoined(_logger, request.Name, request.Host, request.ProcessId, request.ControlUrl);
        Publish(new ClusterEvent(existing is null ? "worker-joined" : "worker-rejoined", Options.Clock.GetUtcNow(), request.Name, null, $"Worker '{request.Name}' joined from {request.Host} (process {request.ProcessId})."));
        return new RegisterResponse(ManagerId, member.Session, Options.HeartbeatInterval.TotalMilliseconds);
    }

    internal void Heartbeat(string name, HeartbeatMessage heartbeat)
    {
        if (!_members.TryGetValue(name, out var member) || member.Session != heartbeat.Session)
        {
            throw new KeyNotFoundException($"Worker '{name}' is not registered in this session; it must register again.");
        }

        member.Detector.Heartbeat();
        member.CpuPercent = heartbeat.CpuPercent;
        member.MemoryBytes = heartbeat.MemoryBytes;
        member.ClockOffsetMs = heartbeat.ClockOffsetMs;
        member.ClockUncertaintyMs = heartbeat.ClockUncertaintyMs;
        member.LastHeartbeat = Options.Clock.GetUtcNow();
        if (!member.Reachable)
        {
            member.Reachable = true;
            Publish(new ClusterEvent("worker-reachable", Options.Clock.GetUtcNow(), name, null, $"Worker '{name}' is reachable again."));
        }

        if (heartbeat.Run is { } report && _run is { } run && report.RunId == run.Blueprint.Id && !run.Finished[name].Task.IsCompleted)
        {
            run.Latest[name] = report;
        }

        Publish(new ClusterEvent("heartbeat", Options.Clock.GetUtcNow(), name, null, $"Worker '{name}': CPU {heartbeat.CpuPercent:0.0} %, memory {heartbeat.MemoryBytes / (1024 * 1024)} MiB.", member.ToStatus()));
    }

    internal void WorkerEvent(string name, WorkerEventMessage message)
    {
        if (_run is not { } run || message.RunId != run.Blueprint.Id)
        {
            return;
        }

        switch (message.Kind)
        {
            case "node-failed" when message.Failure is not null:
                OnNodeFailed(run, message.Failure);
                break;
            case "finished" when message.Report is not null:
                run.Finish(name, message.Report);
                break;
        }
    }

    /// <summary>How long a silence of <paramref name="worker"/> its failure detector allows now, for logs and timing tests.</summary>
    /// <exception cref="KeyNotFoundException">No worker of that name is registered.</exception>
    internal TimeSpan SilenceToSuspect(string worker) => _members[worker].Detector.SilenceToSuspect();

    internal void Deregister(string name)
    {
        if (_members.TryRemove(name, out var member))
        {
            _ = member.Handle.DisposeAsync();
            Publish(new ClusterEvent("worker-removed", Options.Clock.GetUtcNow(), name, null, $"Worker '{name}' left the cluster."));
            FailWorkerRun(name, $"Worker '{name}' left the cluster during the run.");
        }
    }

    /// <summary>Checks every member's phi several times per heartbeat interval and announces changes.</summary>
    private async Task MonitorMembersAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(Options.HeartbeatInterval.TotalMilliseconds / 5, 10, 200));
        using var timer = new PeriodicTimer(period, Options.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var member in _members.Values)
                {
                    if (member.Reachable && !member.Detector.IsAvailable)
                    {
                        member.Reachable = false;
                        LogUnreachable(_logger, member.Name, member.Detector.Phi(), member.Detector.SilenceToSuspect().TotalSeconds);
                        Publish(new ClusterEvent("worker-unreachable", Options.Clock.GetUtcNow(), member.Name, null, $"Worker '{member.Name}' is unreachable: no heartbeat since {member.LastHeartbeat:O}."));
                        FailWorkerRun(member.Name, $"Worker '{member.Name}' became unreachable during the run (no heartbeat since {member.LastHeartbeat:O}).");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A worker of the run is gone: its part of the run is over, with a failure that says why. The others keep running.</summary>
    private void FailWorkerRun(string name, string reason)
    {
        if (_run is not { } run || !run.Finished.TryGetValue(name, out var finished) || finished.Task.IsCompleted)
        {
            return;
        }

        var failure = new NodeFailure("(worker)", name, "heartbeat", reason, reason);
        var last = run.Latest.GetValueOrDefault(name);
        var report = new RunReport(
            run.Blueprint.Id,
            RunStatus.Failed,
            [.. (last?.Nodes ?? []).Select(n => n with { State = NodeState.Failed })],
            last?.Edges ?? [],
            [.. (last?.Failures ?? []), failure]);
        run.Finish(name, report);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Worker \"{Worker}\" joined from {Host} (process {ProcessId}), control API {ControlUrl}.")]
    private static partial void LogJoined(ILogger logger, string worker, string host, int processId, string controlUrl);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Worker \"{Worker}\" is unreachable (phi {Phi:0.0}; its heartbeats allowed {Allowed:0.0} s of silence).")]
    private static partial void LogUnreachable(ILogger logger, string worker, double phi, double allowed);
}
