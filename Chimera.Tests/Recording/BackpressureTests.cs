using Chimera.Recording;

namespace Chimera.Tests.Recording;

public sealed class BackpressureTests
{
    [Fact]
    public async Task Save_SlowWriter_WaitsForRoomAndDropsNothing()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new RecordingOptions { QueueCapacity = 2, BeforeWrite = ct => new ValueTask(gate.Task.WaitAsync(ct)) };
        await using var fx = new RecordingFixture(options: options);
        var ctx = fx.Context();

        // One entry is taken by the (blocked) writer, two fill the queue; the fourth must wait.
        await ctx.SaveTextAsync("t", "1");
        await Task.Delay(50);
        var saves = new List<Task>();
        for (var i = 2; i <= 6; i++)
        {
            saves.Add(ctx.SaveTextAsync("t", i.ToString(System.Globalization.CultureInfo.InvariantCulture)).AsTask());
            await Task.Delay(20);
        }

        await Task.Delay(200);
        Assert.Contains(saves, s => !s.IsCompleted);

        gate.SetResult();
        await Task.WhenAll(saves).WaitAsync(TimeSpan.FromSeconds(10));
        await fx.CloseAsync();

        Assert.Equal(["1", "2", "3", "4", "5", "6"], File.ReadAllLines(fx.NodeFile("t.txt")));
    }

    [Fact]
    public async Task Save_CancelledWhileWaiting_ThrowsAndDropsThatEntryOnly()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new RecordingOptions { QueueCapacity = 1, BeforeWrite = ct => new ValueTask(gate.Task.WaitAsync(ct)) };
        await using var fx = new RecordingFixture(options: options);
        var ctx = fx.Context();
        await ctx.SaveTextAsync("t", "1");
        await Task.Delay(50);
        await ctx.SaveTextAsync("t", "2");

        using var cts = new CancellationTokenSource(100);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ctx.SaveTextAsync("t", "3", cts.Token));

        gate.SetResult();
        await fx.CloseAsync();
        Assert.Equal(["1", "2"], File.ReadAllLines(fx.NodeFile("t.txt")));
    }

    [Fact]
    public async Task Dispose_HungWriter_GivesUpAfterCloseTimeoutAndReports()
    {
        var options = new RecordingOptions
        {
            CloseTimeout = TimeSpan.FromMilliseconds(200),
            BeforeWrite = ct => new ValueTask(Task.Delay(Timeout.Infinite, ct)),
        };
        await using var fx = new RecordingFixture(options: options);
        await fx.Context().SaveTextAsync("t", "stuck");

        var e = await Assert.ThrowsAsync<IOException>(fx.CloseAsync).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("stream 't' of node 'cam' on worker 'w1'", e.Message);
        Assert.Contains("took longer than", e.Message);
    }
}
