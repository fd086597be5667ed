using Chimera.Cluster.Membership;
using Chimera.TestKit;

namespace Chimera.Tests.Cluster;

public class PhiAccrualFailureDetectorTests
{
    [Fact]
    public void SteadyHeartbeats_AllowAboutFourAndAHalfSecondsOfSilence()
    {
        var clock = new ManualClock();
        var detector = new PhiAccrualFailureDetector(clock, threshold: 8, acceptablePause: TimeSpan.FromSeconds(3), firstHeartbeatEstimate: TimeSpan.FromSeconds(1));
        for (var i = 0; i < 20; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            detector.Heartbeat();
        }

        var allowed = detector.SilenceToSuspect();

        // Mean 1 s + 3 s pause, deviation at its 100 ms floor: phi = 8 about 5.2 deviations later.
        Assert.InRange(allowed.TotalSeconds, 4.45, 4.6);
        clock.Advance(allowed - TimeSpan.FromMilliseconds(20));
        Assert.True(detector.IsAvailable, $"phi {detector.Phi():0.00} just before the allowed silence");
        clock.Advance(TimeSpan.FromMilliseconds(40));
        Assert.False(detector.IsAvailable, $"phi {detector.Phi():0.00} just after the allowed silence");
    }

    [Fact]
    public void IrregularHeartbeats_AllowMoreSilence()
    {
        var steady = Detector([1000, 1000, 1000, 1000, 1000, 1000]);
        var irregular = Detector([600, 1400, 700, 1300, 500, 1500]);

        Assert.True(
            irregular.SilenceToSuspect() > steady.SilenceToSuspect() + TimeSpan.FromSeconds(1),
            $"irregular {irregular.SilenceToSuspect().TotalSeconds:0.00} s, steady {steady.SilenceToSuspect().TotalSeconds:0.00} s");
    }

    [Fact]
    public void Phi_RisesWithSilence_AndAHeartbeatResetsIt()
    {
        var clock = new ManualClock();
        var detector = new PhiAccrualFailureDetector(clock);
        var earlier = detector.Phi();

        clock.Advance(TimeSpan.FromSeconds(4));
        var later = detector.Phi();
        detector.Heartbeat();

        Assert.True(later > earlier, $"phi {earlier} then {later}");
        Assert.True(detector.Phi() < 0.1, $"phi {detector.Phi()} right after a heartbeat");
    }

    private static PhiAccrualFailureDetector Detector(int[] intervalsMs)
    {
        var clock = new ManualClock();
        var detector = new PhiAccrualFailureDetector(clock);
        foreach (var interval in intervalsMs)
        {
            clock.Advance(TimeSpan.FromMilliseconds(interval));
            detector.Heartbeat();
        }

        return detector;
    }
}
