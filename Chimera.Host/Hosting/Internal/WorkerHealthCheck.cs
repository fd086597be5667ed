using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chimera.Hosting.Internal;

/// <summary>
/// Reports the embedded worker: <b>healthy</b> while it is joined to its manager, <b>degraded</b> while it is still
/// trying to join (it keeps retrying, so this is not a failure of the host), <b>unhealthy</b> when it has no manager
/// to join at all (a configuration mistake).
/// </summary>
internal sealed class WorkerHealthCheck(Worker worker) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["worker"] = worker.Name,
            ["manager"] = worker.Options.ManagerUrl ?? "(none)",
            ["control-url"] = worker.ControlUrl ?? "(not started)",
        };
        var result = worker.Options.ManagerUrl is null
            ? new HealthCheckResult(context.Registration.FailureStatus, $"Worker '{worker.Name}' has no manager to join; set chimera:worker:manager.", data: data)
            : worker.IsJoined
                ? HealthCheckResult.Healthy($"Worker '{worker.Name}' is joined to {worker.Options.ManagerUrl}.", data)
                : HealthCheckResult.Degraded($"Worker '{worker.Name}' has not joined {worker.Options.ManagerUrl} yet; retrying.", data: data);
        return Task.FromResult(result);
    }
}
