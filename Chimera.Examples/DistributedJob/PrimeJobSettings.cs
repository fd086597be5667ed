namespace Chimera.Examples.DistributedJob;

/// <summary>Settings of the distributed prime-search job.</summary>
public sealed class PrimeJobSettings
{
    /// <summary>How many workers the job runs on. Defaults to 3.</summary>
    public int Workers { get; set; } = 3;

    /// <summary>The search covers [2, <see cref="Limit"/>], split evenly between the workers. Defaults to 20,000,000.</summary>
    public long Limit { get; set; } = 20_000_000;

    /// <summary>How long the initiator gathers results before it stops the job (sooner if the search ends). Defaults to 5 s.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often workers send heartbeats. Defaults to 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Where the manager's control API listens, e.g. <c>http://0.0.0.0:6000</c>; the job then waits for that many
    /// <c>chimera worker --manager URL</c> processes to join instead of starting its own workers. <see langword="null"/>
    /// (the default) listens on a free loopback port and starts the workers in this process (they still join over HTTP).
    /// </summary>
    public string? ManagerUrl { get; set; }

    /// <summary>How long to wait for enough live workers. Defaults to 60 s.</summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
