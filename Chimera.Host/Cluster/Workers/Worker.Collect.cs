using Chimera.Cluster.Collect;

namespace Chimera;

public sealed partial class Worker
{
    /// <summary>The packed run folders this worker hands to the manager, built on first use.</summary>
    private WorkerArchives? _archives;

    /// <summary>This worker's side of collect: packs a run's folder and serves it in SHA-256-checked chunks.</summary>
    internal WorkerArchives Archives =>
        LazyInitializer.EnsureInitialized(ref _archives, () => new WorkerArchives(Name, Path.GetFullPath(Options.LogDirectory)));
}
