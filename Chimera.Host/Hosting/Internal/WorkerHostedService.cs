using Microsoft.Extensions.Hosting;

namespace Chimera.Hosting.Internal;

/// <summary>
/// Starts the host's <see cref="Worker"/> with the host (it then joins its manager in the background, retrying until
/// the manager answers) and disposes it on host stop, which leaves the cluster cleanly. When the manager asks the
/// worker to exit (a cluster shutdown), the whole host is asked to stop, as the <c>chimera worker</c> process would.
/// </summary>
internal sealed class WorkerHostedService(Worker worker, IHostApplicationLifetime lifetime) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await worker.StartAsync(cancellationToken).ConfigureAwait(false);
        _ = worker.ExitRequested.ContinueWith(_ => lifetime.StopApplication(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await worker.DisposeAsync().ConfigureAwait(false);
}
