using Chimera;
using Chimera.Hosting.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks for a host that embeds a Chimera manager or worker.</summary>
public static class ChimeraHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a <c>chimera-manager</c> check when the host registered a manager (<c>AddChimeraManager</c>) and a
    /// <c>chimera-worker</c> check when it registered a worker. The manager's check is degraded while some workers
    /// are unreachable and unhealthy when the run failed or every worker is unreachable; the worker's is degraded
    /// while it has not joined its manager. Call it after <c>AddChimeraManager</c>/<c>AddChimeraWorker</c>.
    /// </summary>
    /// <param name="builder">The host's health checks.</param>
    /// <param name="tags">Tags for both checks (e.g. <c>ready</c>), to filter health endpoints.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException">Neither a manager nor a worker is registered yet.</exception>
    public static IHealthChecksBuilder AddChimeraHealthChecks(this IHealthChecksBuilder builder, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var hasManager = builder.Services.Any(d => d.ServiceType == typeof(Manager));
        var hasWorker = builder.Services.Any(d => d.ServiceType == typeof(Worker));
        if (!hasManager && !hasWorker)
        {
            throw new InvalidOperationException("AddChimeraHealthChecks found no Chimera manager or worker; call AddChimeraManager or AddChimeraWorker first.");
        }

        if (hasManager)
        {
            builder.Add(new HealthCheckRegistration("chimera-manager", sp => new ManagerHealthCheck(sp.GetRequiredService<Manager>()), HealthStatus.Unhealthy, tags));
        }

        if (hasWorker)
        {
            builder.Add(new HealthCheckRegistration("chimera-worker", sp => new WorkerHealthCheck(sp.GetRequiredService<Worker>()), HealthStatus.Unhealthy, tags));
        }

        return builder;
    }
}
