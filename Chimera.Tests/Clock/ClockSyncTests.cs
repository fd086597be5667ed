using Chimera.Cluster.Clock;
using Chimera.TestKit;

namespace Chimera.Tests.Clock;

public class ClockSyncTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sample_SymmetricPaths_GivesExactOffsetAndRoundTrip()
    {
        // Manager 5 s behind the worker; 2 ms each way; 1 ms in the manager.
        var t1 = s_t0.AddMilliseconds(2) - TimeSpan.FromSeconds(5);
        var t2 = t1.AddMilliseconds(1);
        var t3 = s_t0.AddMilliseconds(5);

        var sample = ClockSample.From(s_t0, t1, t2, t3);

        Assert.Equal(TimeSpan.FromSeconds(-5), sample.Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(4), sample.RoundTrip);
        Assert.Equal(TimeSpan.FromMilliseconds(2), sample.Uncertainty);
    }

    [Fact]
    public void Sample_AsymmetricPaths_ErrIsWithinHalfTheRoundTrip()
    {
        // 3 ms out, 1 ms back: the estimate is off by (3 - 1) / 2 = 1 ms, within the 2 ms uncertainty.
        var t1 = s_t0.AddMilliseconds(3);
        var t2 = t1;
        var t3 = s_t0.AddMilliseconds(4);

        var sample = ClockSample.From(s_t0, t1, t2, t3);

        Assert.Equal(TimeSpan.FromMilliseconds(1), sample.Offset);
        Assert.True(sample.Offset.Duration() <= sample.Uncertainty);
    }

    [Fact]
    public async Task SyncOnce_KeepsTheProbeWithTheSmallestRoundTrip_AndCorrectsTheClock()
    {
        var local = new ManualClock();
        var clock = new ClusterClock(local);
        var delays = new Queue<double>([5, 0.2, 3, 8]);
        var sync = new ClockSync(clock, (probe, _) =>
        {
            // The manager is 250 ms ahead; each probe waits d ms on the way out only, so its offset is biased by d/2.
            var d = delays.Dequeue();
            local.Advance(TimeSpan.FromMilliseconds(d));
            var received = new DateTimeOffset(probe.SentTicks, TimeSpan.Zero).AddMilliseconds(250 + d);
            return Task.FromResult(new ClockProbeResponse(probe.SentTicks, received.UtcTicks, received.UtcTicks));
        })
        { Burst = 4 };

        var sample = await sync.SyncOnceAsync(CancellationToken.None);

        Assert.NotNull(sample);
        Assert.True(clock.IsSynchronized);
        Assert.InRange(clock.Offset.TotalMilliseconds, 250 - 0.2, 250 + 0.2);
        Assert.Equal(local.GetUtcNow() + clock.Offset, clock.GetUtcNow());
        Assert.Equal(local.GetTimestamp(), clock.GetTimestamp());
    }

    [Fact]
    public async Task SyncOnce_ManagerUnreachable_KeepsThePreviousEstimate()
    {
        var clock = new ClusterClock(new ManualClock());
        clock.Update(TimeSpan.FromMilliseconds(42), TimeSpan.FromMilliseconds(1));
        var sync = new ClockSync(clock, (_, _) => throw new ControlApiException("manager at http://x cannot be reached"));

        Assert.Null(await sync.SyncOnceAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.FromMilliseconds(42), clock.Offset);
    }

    [Fact]
    public async Task Window_ALaterNoisyBurstDoesNotReplaceABetterSample()
    {
        var local = new ManualClock();
        var clock = new ClusterClock(local);
        var noise = 0.1;
        var sync = new ClockSync(clock, (probe, _) =>
        {
            local.Advance(TimeSpan.FromMilliseconds(noise));
            var received = new DateTimeOffset(probe.SentTicks, TimeSpan.Zero).AddMilliseconds(100 + noise);
            return Task.FromResult(new ClockProbeResponse(probe.SentTicks, received.UtcTicks, received.UtcTicks));
        })
        { Burst = 1, Window = 4 };

        await sync.SyncOnceAsync(CancellationToken.None);
        noise = 20;
        await sync.SyncOnceAsync(CancellationToken.None);

        Assert.InRange(clock.Offset.TotalMilliseconds, 100, 100.1);
    }

    [Fact]
    public void OffsetClock_ShiftsWallTimeOnly()
    {
        var inner = new ManualClock();
        var shifted = new OffsetClock(inner, TimeSpan.FromSeconds(5));

        Assert.Equal(inner.GetUtcNow().AddSeconds(5), shifted.GetUtcNow());
        Assert.Equal(inner.GetTimestamp(), shifted.GetTimestamp());
    }

    [Fact]
    public void ClusterClock_BeforeSync_IsLocalTime()
    {
        var local = new ManualClock();
        var clock = new ClusterClock(local);

        Assert.False(clock.IsSynchronized);
        Assert.Equal(local.GetUtcNow(), clock.GetUtcNow());
        Assert.Equal(local.GetUtcNow(), clock.ToLocal(clock.GetUtcNow()));
    }
}
