using System.Globalization;
using Chimera.Cluster.Clock;
using Microsoft.Extensions.Logging;

namespace Chimera;

public sealed partial class Worker
{
    /// <summary>The owned clock-sync loop; awaited on dispose.</summary>
    private Task _clockSyncLoop = Task.CompletedTask;

    /// <summary>The loop that keeps <see cref="ClusterClock"/> on the manager's timeline, once started.</summary>
    private ClockSync? _clockSync;

    /// <summary>How far the manager's clock is ahead of this worker's local clock, once measured; else <see langword="null"/>.</summary>
    public TimeSpan? ClockOffset => ClusterClock.IsSynchronized ? ClusterClock.Offset : null;

    /// <summary>How far <see cref="ClockOffset"/> may be off (half the round trip of its best probe), once measured.</summary>
    public TimeSpan? ClockUncertainty => ClusterClock.IsSynchronized ? ClusterClock.Uncertainty : null;

    /// <summary>The clock this worker's stages run on: local time corrected onto the manager's timeline.</summary>
    internal ClusterClock ClusterClock { get; }

    /// <summary>Starts probing the manager's clock (needs no registration: probes are ordinary signed control calls).</summary>
    private void StartClockSync()
    {
        var manager = _manager!;
        _clockSync = new ClockSync(ClusterClock, (probe, ct) => manager.SendAsync<ClockProbeResponse>(HttpMethod.Post, "api/clock", probe, ct));
        _clockSync.Updated += WriteClockLog;
        _clockSyncLoop = _clockSync.RunAsync(_stopping.Token);
    }

    /// <summary>
    /// While recording, appends each estimate to <c>runFolder/worker/clock.csv</c> (<c>manager_time,local_time,offset_ms,uncertainty_ms,round_trip_ms</c>):
    /// recorded timestamps are on the manager's timeline, and this log is how to get a row's local time back.
    /// </summary>
    private void WriteClockLog(ClockSample sample)
    {
        // Only while the run is live: after its drain the folder belongs to collect, which may move it away.
        if (!Runtime.IsRecording || Runtime.RunDirectory is not { } runDirectory || Runtime.Partition is not { Completion.IsCompleted: false })
        {
            return;
        }

        var path = Path.Combine(runDirectory, Name, "clock.csv");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var header = File.Exists(path) ? string.Empty : "manager_time,local_time,offset_ms,uncertainty_ms,round_trip_ms\r\n";
            var managerTime = sample.LocalTime + sample.Offset;
            File.AppendAllText(path, header + string.Create(
                CultureInfo.InvariantCulture,
                $"{managerTime:O},{sample.LocalTime:O},{sample.Offset.TotalMilliseconds:0.###},{sample.Uncertainty.TotalMilliseconds:0.###},{sample.RoundTrip.TotalMilliseconds:0.###}\r\n"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogClockLogFailed(_logger, Name, path, ex.Message);
        }
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Worker \"{Worker}\" could not append to {Path}: {Reason}")]
    private static partial void LogClockLogFailed(ILogger logger, string worker, string path, string reason);
}
