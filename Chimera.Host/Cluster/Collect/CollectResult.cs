namespace Chimera;

/// <summary>What <see cref="Manager.CollectAsync"/> gathered: the run's folder on the manager's side and each worker's part.</summary>
/// <param name="RunId">The run collected.</param>
/// <param name="Directory">The run's folder: <c>logdir/&lt;yyyy-MM-dd_HH-mm-ss&gt;-&lt;run id&gt;/</c>, holding <c>meta.json</c> and one folder per worker.</param>
/// <param name="Workers">Each worker's part.</param>
public sealed record CollectResult(string RunId, string Directory, IReadOnlyList<CollectedWorker> Workers);
