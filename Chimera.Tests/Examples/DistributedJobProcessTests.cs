using System.Net;
using System.Net.Sockets;
using Chimera.Examples.DistributedJob;
using Chimera.Tests.Processes;

namespace Chimera.Tests.Examples;

/// <summary>The PyE2 job with <c>--manager URL</c>: real <c>chimera worker</c> processes join, and the job's node code is shipped to them.</summary>
[Trait("Category", "Integration")]
[Collection("processes")]
public class DistributedJobProcessTests
{
    [Fact]
    public async Task Job_OnWorkerProcesses_ShipsTheSearchAndGathersEveryPrime()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var url = $"http://127.0.0.1:{port}";
        var output = new StringWriter();
        var job = DistributedJobExample.RunAsync(output, new PrimeJobSettings
        {
            Workers = 2,
            Limit = 1_000_000,
            Duration = TimeSpan.FromSeconds(60),
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            ManagerUrl = url,
        });

        // The workers retry until the manager answers, so they may start before or after it.
        var assemblies = Directory.CreateTempSubdirectory("chimera-job-asm-").FullName;
        await using var w1 = ChimeraProcess.Start(["worker", "--name", "edge-1", "--manager", url, "--assembly-dir", assemblies, "--logdir", Path.Combine(Path.GetTempPath(), "chimera-test-logs")]);
        await using var w2 = ChimeraProcess.Start(["worker", "--name", "edge-2", "--manager", url, "--assembly-dir", assemblies, "--logdir", Path.Combine(Path.GetTempPath(), "chimera-test-logs")]);

        var report = await job.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(78_498, report.TotalFound);
        Assert.Equal(["edge-1", "edge-2"], report.Results.Select(r => r.Worker));
        Assert.Equal("edge-2", report.Run.Node("search-2").Worker);

        // The job ends by shutting the cluster down: the worker processes are told to exit.
        Assert.True(await w1.WaitForExitAsync(TimeSpan.FromSeconds(20)), w1.AllOutput);
        Assert.True(await w2.WaitForExitAsync(TimeSpan.FromSeconds(20)), w2.AllOutput);
    }
}
