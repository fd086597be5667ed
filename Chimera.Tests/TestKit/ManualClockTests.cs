using Chimera.TestKit;

namespace Chimera.Tests.TestKit;

public class ManualClockTests
{
    [Fact]
    public void NewClock_StandsAtDefaultStart_WithZeroTimestamp()
    {
        var clock = new ManualClock();

        Assert.Equal(ManualClock.DefaultStart, clock.GetUtcNow());
        Assert.Equal(0, clock.GetTimestamp());
        Assert.Equal(TimeSpan.TicksPerSecond, clock.TimestampFrequency);
    }

    [Fact]
    public void Advance_MovesWallClockAndTimestamps()
    {
        var clock = new ManualClock();
        var start = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(ManualClock.DefaultStart.AddMilliseconds(1500), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.GetElapsedTime(start));
    }

    [Fact]
    public void Advance_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManualClock().Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Timers_FireInDueOrder_WithClockAtTheirDueTime()
    {
        var clock = new ManualClock();
        var fired = new List<(string, TimeSpan)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.Elapsed)), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.Elapsed)), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(fired);

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([("early", TimeSpan.FromSeconds(1)), ("late", TimeSpan.FromSeconds(2))], fired);
        Assert.Equal(TimeSpan.FromMilliseconds(5999), clock.Elapsed);
    }

    [Fact]
    public void PeriodicTimer_FiresOncePerPeriodPassed()
    {
        var clock = new ManualClock();
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));

        clock.Advance(TimeSpan.FromMilliseconds(350));

        Assert.Equal(3, count);
        Assert.Equal(1, clock.ScheduledTimers);
    }

    [Fact]
    public void Change_Reschedules_AndInfiniteStops()
    {
        var clock = new ManualClock();
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, count);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, count);
        Assert.Equal(0, clock.ScheduledTimers);
    }

    [Fact]
    public void Dispose_StopsTheTimer_AndChangeReturnsFalse()
    {
        var clock = new ManualClock();
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, count);
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        Assert.Empty(clock.DescribeTimers());
    }

    [Fact]
    public async Task TaskDelay_CompletesOnlyWhenAdvancedPastItsDueTime()
    {
        var clock = new ManualClock();
        var delay = Task.Delay(TimeSpan.FromSeconds(1), clock);

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(delay.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await delay.WaitAsync(TestTimeouts.Default);
        Assert.Empty(clock.DescribeTimers());
    }

    [Fact]
    public async Task TaskDelay_Cancelled_DisposesItsTimer()
    {
        var clock = new ManualClock();
        using var cts = new CancellationTokenSource();
        var delay = Task.Delay(TimeSpan.FromSeconds(1), clock, cts.Token);
        Assert.Equal(1, clock.ScheduledTimers);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
        Assert.Empty(clock.DescribeTimers());
    }

    [Fact]
    public async Task ZeroDueTime_FiresWithoutAdvancing()
    {
        var clock = new ManualClock();
        var fired = new TaskCompletionSource();
        using var timer = clock.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        await fired.Task.WaitAsync(TestTimeouts.Default);
    }

    [Fact]
    public async Task WaitForTimers_ReturnsOnceATimerIsScheduled_AndFailsWithAMessageOtherwise()
    {
        var clock = new ManualClock();
        var waiting = clock.WaitForTimersAsync(1);
        Assert.False(waiting.IsCompleted);

        using var timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        await waiting;

        var ex = await Assert.ThrowsAsync<ExpectationFailedException>(() => clock.WaitForTimersAsync(2, TimeSpan.FromMilliseconds(20)));
        Assert.StartsWith("Expected 2 scheduled timer(s) on the test clock, but 1 were scheduled after waiting", ex.Message);
    }

    [Fact]
    public async Task PeriodicTimer_TicksOncePerAdvancedPeriod()
    {
        var clock = new ManualClock();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);

        var tick = timer.WaitForNextTickAsync().AsTask();
        Assert.False(tick.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await tick.WaitAsync(TestTimeouts.Default));

        timer.Dispose();
        Assert.Empty(clock.DescribeTimers());
    }
}
