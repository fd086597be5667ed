using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chimera.Hosting.Internal;

/// <summary>
/// Reports the cluster as the manager sees it: <b>unhealthy</b> when the current run failed or every registered worker
/// is unreachable, <b>degraded</b> when some workers are unreachable, <b>healthy</b> otherwise. The data lists each
/// worker's liveness and the run's status, so a dashboard shows why.
/// </summary>
internal sealed class ManagerHealthCheck(Manager manager) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var workers = manager.RegisteredWorkers;
        var down = workers.Where(w => w.Liveness != "up").Select(w => w.Name).ToList();
        var status = manager.Status;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["workers"] = workers.Count,
            ["workers-up"] = workers.Count - down.Count,
            ["run"] = status?.ToString() ?? "none",
        };
        foreach (var worker in workers)
        {
            data["worker:" + worker.Name] = worker.Liveness;
        }

        HealthCheckResult result;
        if (status == RunStatus.Failed)
        {
            result = new HealthCheckResult(context.Registration.FailureStatus, $"Run {manager.Blueprint?.Id} failed.", data: data);
        }
        else if (workers.Count > 0 && down.Count == workers.Count)
        {
            result = new HealthCheckResult(context.Registration.FailureStatus, $"Every worker is unreachable: {string.Join(", ", down)}.", data: data);
        }
        else if (down.Count > 0)
        {
            result = HealthCheckResult.Degraded($"{down.Count} of {workers.Count} workers unreachable: {string.Join(", ", down)}.", data: data);
        }
        else
        {
            result = HealthCheckResult.Healthy($"{workers.Count} workers up; run {data["run"]}.", data);
        }

        return Task.FromResult(result);
    }
}
