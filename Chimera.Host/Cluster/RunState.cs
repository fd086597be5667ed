using System.Collections.Concurrent;
using Chimera.Cluster.Workers;
using Chimera.Runtime;

namespace Chimera.Cluster;

/// <summary>The manager's view of the committed run: which workers hold it, their latest reports, and who has finished.</summary>
internal sealed class RunState(Blueprint blueprint, string? runDirectory, IReadOnlyDictionary<string, IWorkerHandle> workers)
{
    private readonly List<NodeFailure> _failures = [];

    public Blueprint Blueprint { get; } = blueprint;

    public string? RunDirectory { get; } = runDirectory;

    public IReadOnlyDictionary<string, IWorkerHandle> Workers { get; } = workers;

    public ConcurrentDictionary<string, TaskCompletionSource<RunReport>> Finished { get; } = new(
        workers.Keys.Select(w => KeyValuePair.Create(w, new TaskCompletionSource<RunReport>(TaskCreationOptions.RunContinuationsAsynchronously))));

    public ConcurrentDictionary<string, RunReport> Latest { get; } = new();

    public bool Started { get; set; }

    public bool Stopping { get; set; }

    /// <summary>Whether sources step only when asked (the run was started by a step).</summary>
    public bool ManualSources { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public IReadOnlyList<NodeFailure> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    public RunStatus Status
    {
        get
        {
            if (!Started)
            {
                return RunStatus.Committed;
            }

            if (Failures.Count > 0)
            {
                return RunStatus.Failed;
            }

            if (Finished.Values.All(t => t.Task.IsCompleted))
            {
                return Finished.Values.Any(t => t.Task.Result.Status == RunStatus.Failed) ? RunStatus.Failed : RunStatus.Completed;
            }

            return Stopping ? RunStatus.Stopping : RunStatus.Running;
        }
    }

    public void AddFailure(NodeFailure failure)
    {
        lock (_failures)
        {
            if (!_failures.Any(f => f.Node == failure.Node && f.Worker == failure.Worker && f.Phase == failure.Phase && f.Error == failure.Error))
            {
                _failures.Add(failure);
            }
        }
    }

    /// <summary>A worker finished (or was given up on): keep its final report.</summary>
    public void Finish(string worker, RunReport report)
    {
        Latest[worker] = report;
        foreach (var failure in report.Failures)
        {
            AddFailure(failure);
        }

        if (Finished.TryGetValue(worker, out var tcs))
        {
            tcs.TrySetResult(report);
        }
    }

    /// <summary>
    /// Combines the workers' reports into one. A remote edge appears on both of its workers: its sent count comes from
    /// the sending worker, its received and dropped counts from the receiving one (where the overflow policy applies),
    /// and its connection's figures from both.
    /// </summary>
    public RunReport Merge(IReadOnlyDictionary<string, RunReport?> byWorker)
    {
        var nodes = new List<NodeReport>();
        foreach (var partition in Blueprint.Partitions)
        {
            var report = byWorker.GetValueOrDefault(partition.Worker);
            foreach (var name in partition.Nodes)
            {
                nodes.Add(report?.Nodes.FirstOrDefault(n => n.Name == name)
                    ?? new NodeReport(name, partition.Worker, Finished.TryGetValue(partition.Worker, out var f) && f.Task.IsCompleted ? NodeState.Failed : NodeState.Ready, 0, 0, 0, 0));
            }
        }

        var edges = new List<EdgeReport>();
        foreach (var edge in Blueprint.Edges)
        {
            var from = byWorker.GetValueOrDefault(edge.FromWorker)?.Edges.FirstOrDefault(e => e.Id == edge.Id);
            var to = byWorker.GetValueOrDefault(edge.ToWorker)?.Edges.FirstOrDefault(e => e.Id == edge.Id);
            edges.Add(new EdgeReport(edge.Id, edge.From, edge.To, edge.IsRemote, from?.Sent ?? 0, to?.Received ?? 0, to?.Dropped ?? 0, to?.QueueDepth ?? 0, EdgeWires.Join(from?.Wire, to?.Wire)));
        }

        var failures = Failures.Concat(byWorker.Values.Where(r => r is not null).SelectMany(r => r!.Failures))
            .DistinctBy(f => (f.Node, f.Worker, f.Phase, f.Error))
            .ToList();
        var status = Status;
        if (failures.Count > 0 && status != RunStatus.Committed)
        {
            status = RunStatus.Failed;
        }

        return new RunReport(Blueprint.Id, status, nodes, edges, failures);
    }
}
