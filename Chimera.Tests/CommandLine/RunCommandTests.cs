using Chimera.Host.CommandLine;
using Chimera.Pipelines;

namespace Chimera.Tests.CommandLine;

/// <summary>The part of <c>chimera run</c> every execution path shares, driven through a fake executor.</summary>
public sealed class RunCommandTests
{
    private static readonly Pipeline Numbers = Pipeline.Parse("""
        pipeline {
          name = numbers
          nodes { gen { type = Counter, params { count = 3 } }, keep { type = TabularRecorder } }
          edges = [ { from = gen, to = keep } ]
        }
        """, "numbers.conf");

    [Fact]
    public async Task RunAsync_Completed_PrintsTheTable_AndReturnsZero()
    {
        var executor = new FakeExecutor(_ => Task.FromResult(new RunOutcome(Report(RunStatus.Completed), "/logs/run-1")));
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await RunCommand.RunAsync(new RunRequest(Numbers, "/logs", Record: true), executor, null, new RunOutput(output, error), CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("run r1: Completed", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("recorded to /logs/run-1", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, error.ToString());
        Assert.True(executor.Request!.Record);
    }

    [Fact]
    public async Task RunAsync_Preview_NotesThatRecordersWriteNothing()
    {
        var executor = new FakeExecutor(_ => Task.FromResult(new RunOutcome(Report(RunStatus.Completed), null)));
        var output = new StringWriter();

        await RunCommand.RunAsync(new RunRequest(Numbers, "/logs", Record: false), executor, null, new RunOutput(output, new StringWriter()), CancellationToken.None);

        Assert.StartsWith("note: recorders are previewing (no --record): nothing is written.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RunFailed_PrintsTableAndFailure_AndReturnsOne()
    {
        var failed = Report(RunStatus.Failed) with { Failures = [new NodeFailure("gen", "local", "step", "boom", "details")] };
        var executor = new FakeExecutor(_ => throw new RunFailedException(failed));
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await RunCommand.RunAsync(new RunRequest(Numbers, "/logs", Record: true), executor, null, new RunOutput(output, error), CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("run r1: Failed", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("chimera run: run r1 of pipeline 'numbers' failed: node 'gen' on worker 'local' during step: boom" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public async Task RunAsync_Duration_FiresTheStopToken()
    {
        var executor = new FakeExecutor(async stop =>
        {
            await Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            return new RunOutcome(Report(RunStatus.Completed), null);
        });

        var exit = await RunCommand.RunAsync(new RunRequest(Numbers, "/logs", Record: true), executor, TimeSpan.FromMilliseconds(50), new RunOutput(new StringWriter(), new StringWriter()), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, exit);
    }

    private static RunReport Report(RunStatus status) => new("r1", status, [], [], []);

    private sealed class FakeExecutor(Func<CancellationToken, Task<RunOutcome>> run) : IPipelineExecutor
    {
        public RunRequest? Request { get; private set; }

        public Task<RunOutcome> ExecuteAsync(RunRequest request, CancellationToken stop)
        {
            Request = request;
            return run(stop);
        }
    }
}
