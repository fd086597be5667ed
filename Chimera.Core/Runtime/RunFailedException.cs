namespace Chimera;

/// <summary>
/// Thrown by waiting on or stopping a run that failed: a node threw under the stop strategy (or ran out of restarts),
/// and the graph was stopped. <see cref="Report"/> has the counters and every failure.
/// </summary>
public sealed class RunFailedException : InvalidOperationException
{
    /// <summary>Creates the exception from the run's final report.</summary>
    public RunFailedException(RunReport report)
        : base($"Run {report.RunId} failed:" + Environment.NewLine +
               string.Join(Environment.NewLine, report.Failures.Select(f => $"- node '{f.Node}' on worker '{f.Worker}' failed during {f.Phase}: {f.Error}")))
    {
        Report = report;
    }

    /// <summary>The run's final report.</summary>
    public RunReport Report { get; }
}
