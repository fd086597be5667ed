using Chimera.Benchmarks.Baselines;
using Chimera.Benchmarks.Profile;
using Chimera.Benchmarks.Remote;
using Chimera.Benchmarks.Scenarios;

namespace Chimera.Benchmarks.Harness;

/// <summary>Every benchmark, in run order: each raw baseline just before the figures compared with it.</summary>
internal static class Catalog
{
    /// <summary>The name of the small-message TCP baseline.</summary>
    public const string RawTcpSmall = "raw.tcp.small";

    /// <summary>The name of the bulk TCP baseline.</summary>
    public const string RawTcpBulk = "raw.tcp.bulk";

    /// <summary>
    /// The GC settings <c>remote.large.gc_tuned</c> starts its workers with: 16 MiB regions (instead of the 1 MiB
    /// <c>chimera</c> runs with), which let the large-object threshold rise to 12 MiB, so that each received 6 MB array is
    /// allocated in generation 0 and dies there, instead of on the large object heap, whose budget set off a background
    /// gen-2 collection every few elements. Advice for workers that receive large arrays rather than image frames: with
    /// these settings <c>video.1080p.fps</c> fell from 1.15-1.21 of its baseline to 0.83-0.88 (alternating quick runs).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> LargeArrayGc = new Dictionary<string, string>
    {
        ["DOTNET_GCRegionSize"] = "0x1000000",
        ["DOTNET_GCLOHThreshold"] = "0xC00000",
    };

    /// <summary>Builds the list.</summary>
    public static IReadOnlyList<Benchmark> All() =>
    [
        new HotPathProfile(),
        new StageProfile(),
        new CodecProfile(),
        new LargeReceiveProfile(),
        new RawChannel(),
        new InProcSmallThroughput(),
        new RawChannelFanOut(),
        new FanOutThroughput(),
        new RawParallel(),
        new ParallelThroughput(),
        new CommitTenNodes(),
        new CommitTenNodesRemote(),
        new RawJpegCodec(),
        new VideoCodec(),
        new VideoEmbedded(),
        new VideoRemote(),
        new EmbeddedLatency(),
        new RawTcpStream(RawTcpSmall, 64, bulk: false),
        new RemoteThroughput(Metric.Figure("remote.small.throughput", "msg/s", RawTcpSmall, Goal.AtLeast(3e6)), 64, Metric.Figure("remote.small.cpu_per_msg", "ns/msg", lowerIsBetter: true), compilation: WorkerCompilation.TieredEager),
        new RemoteThroughput(Metric.Figure("remote.small.pinned.throughput", "msg/s", RawTcpSmall), 64, Metric.Figure("remote.small.pinned.cpu_per_msg", "ns/msg", lowerIsBetter: true), compilation: WorkerCompilation.TieredEager, pinned: true),
        new RawTcpStream(RawTcpBulk, 6_000_000, bulk: true),
        new RemoteThroughput(Metric.Figure("remote.large.throughput", "GB/s", RawTcpBulk, Goal.RatioAtLeast(0.7)), 6_000_000, Metric.Figure("remote.large.cpu_per_msg", "ns/msg", lowerIsBetter: true), capacity: 4, repeat: true),
        new RemoteThroughput(Metric.Figure("remote.large.gc_tuned.throughput", "GB/s", RawTcpBulk), 6_000_000, Metric.Figure("remote.large.gc_tuned.cpu_per_msg", "ns/msg", lowerIsBetter: true), capacity: 4, repeat: true, workerEnvironment: LargeArrayGc),
        new RemoteThroughput(Metric.Figure("remote.frames.throughput", "GB/s", RawTcpBulk), Nodes.FrameSource.DefaultFrameBytes, Metric.Figure("remote.frames.cpu_per_msg", "ns/msg", lowerIsBetter: true), capacity: 4, frames: true),
        new RawTcpPingPong(),
        new RemoteLatency(),
        new MemorySlowSink(),
    ];
}
