using Chimera.Examples.DistributedJob;

namespace Chimera.Tests.Examples;

/// <summary>The PyE2 job with in-process workers that join the manager over HTTP on loopback.</summary>
[Trait("Category", "Integration")]
public class DistributedJobExampleTests
{
    [Fact]
    public async Task Job_SplitsTheSearchOverLiveWorkers_AndGathersEveryPrime()
    {
        var output = new StringWriter();
        var settings = new PrimeJobSettings
        {
            Workers = 2,
            Limit = 2_000_000,

            // Generous: the job ends when the search does (a few seconds here); with the machine loaded by two CPU hogs and the
            // rest of the suite it once needed more than 30 s.
            Duration = TimeSpan.FromMinutes(3),
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        };

        var job = await DistributedJobExample.RunAsync(output, settings);

        // The search ends long before the time is up, so every number was checked: pi(2,000,000) = 148,933.
        Assert.Equal(148_933, job.TotalFound);
        Assert.Equal(["edge-1", "edge-2"], job.Results.Select(r => r.Worker));
        Assert.Equal(2_000_000 - 1, job.Results.Sum(r => r.Checked));
        Assert.Equal(1_999_993, job.Results.Max(r => r.Largest));
        Assert.True(job.Heartbeats > 0);
        var text = output.ToString();
        Assert.Matches(@"\[heartbeat\] edge-\d: CPU +\d+\.\d %, memory \d+ MiB, up", text);
        Assert.Contains("Picked 2 live workers: edge-1, edge-2.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_StopsWhenTheTimeIsUp_WithPartialResults()
    {
        var output = new StringWriter();
        var settings = new PrimeJobSettings
        {
            Workers = 1,
            Limit = 5_000_000_000,
            Duration = TimeSpan.FromSeconds(1),
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        };

        var job = await DistributedJobExample.RunAsync(output, settings);

        Assert.Contains("Time is up: stopping the job", output.ToString(), StringComparison.Ordinal);
        var result = Assert.Single(job.Results);
        Assert.InRange(result.Checked, 1, settings.Limit - 2);
        Assert.True(result.Found > 0);
        Assert.Equal(RunStatus.Completed, job.Run.Status);
    }
}
